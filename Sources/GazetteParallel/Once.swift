import Foundation

/// A value made the first time it is asked for, then kept (the callers that ask may be on any thread).
public final class Once<Value>: @unchecked Sendable {
    private var made: Value?
    private let make: () -> Value
    private let lock = NSLock()

    public init(_ make: @escaping () -> Value) { self.make = make }

    public var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
