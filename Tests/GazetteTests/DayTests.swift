import Testing
@testable import GazetteModel
