/// The version of the events' JSON shape. Bump it on any incompatible change to a payload or the
/// envelope; readers refuse versions they do not know instead of guessing.
public enum EventSchema {
    /// The version this build writes and the only one it reads.
    public static let currentVersion = 1
}
