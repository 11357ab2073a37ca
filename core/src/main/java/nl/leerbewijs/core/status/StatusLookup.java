package nl.leerbewijs.core.status;

/** The outcome of looking up one index in a {@link VerifiedStatusList}. */
public sealed interface StatusLookup permits StatusLookup.Found, StatusListFailure.IndexOutOfRange {

  /** The index lies in the list and holds {@code status}. */
  record Found(long index, Status status) implements StatusLookup {}
}
