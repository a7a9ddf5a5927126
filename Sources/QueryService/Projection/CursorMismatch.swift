/// The stored cursor is not the one a batch was built on: the batch was rolled back, and the
/// projector continues from `stored` (after a lost commit reply, or a rebuild's schema swap).
struct CursorMismatch: Error {
    let stored: ProjectionCursor
}
