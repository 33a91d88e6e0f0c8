// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gazette",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "site", targets: ["site"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already in the graph through Hummingbird; named because GazetteServe imports them.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev, found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libdeflate from Debian's libdeflate-dev: the gzip files of the search index and the data ZIP.
        .systemLibrary(name: "CLibdeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(name: "GazetteModel"),
        // One helper for running independent jobs on all cores, shared by the build, search and data.
        .target(name: "GazetteParallel"),
        .target(
            name: "GazetteContent",
            dependencies: ["GazetteModel", "GazetteParallel", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "GazetteRender",
            dependencies: ["GazetteModel", "GazetteParallel", "CCmark"]
        ),
        .target(name: "GazetteDeflate", dependencies: ["CLibdeflate"]),
        .target(name: "GazetteSearch", dependencies: ["GazetteDeflate", "GazetteParallel"]),
        // SHA-256 with the x86 SHA extensions, for the checksum of the data archive (C: Swift has no intrinsics).
        .target(name: "CSHA256"),
        // `sync_file_range`, to start a large staged file's writeback early (C: Glibc's module leaves it out).
        .target(name: "CWriteback"),
        .target(
            name: "GazettePublish",
            dependencies: ["GazetteModel", "GazetteParallel", "GazetteDeflate", "CSHA256"]
        ),
        .target(
            name: "GazetteBuild",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteRender", "GazetteSearch", "GazettePublish", "GazetteParallel",
                           "CWriteback"]
        ),
        .target(
            name: "GazetteServe",
            dependencies: [
                "GazetteBuild", "GazetteModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "site",
            dependencies: ["GazetteBuild", "GazetteServe", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // jemalloc (Debian's libjemalloc-dev) as the allocator: a build makes and frees millions of small
            // strings and buffers on both cores, and with it a clean 10,000-document build took about a tenth
            // less wall and user time than with glibc's malloc (docs/benchmarks.md). Linked before libc, it
            // takes malloc over.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "GazetteTests",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteRender", "GazettePublish", "GazetteBuild", "GazetteServe",
                           "GazetteParallel",
                           // The reference our template engine is compared with.
                           .product(name: "Mustache", package: "swift-mustache")],
            // Content trees and golden files, read through #filePath rather than bundled.
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(name: "GazetteSearchTests", dependencies: ["GazetteSearch"]),
    ]
)
