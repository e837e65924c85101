"""Hand-written fakes shared by the test suites and benchmarks (no mocks)."""
