import Testing
@Test func placeholderUnit() { #expect(1 + 1 == 2) }
