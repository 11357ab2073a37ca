package nl.leerbewijs.core.sdjwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated, compiled set of claim paths to make selectively disclosable (see {@link SdJwtIssuer}
 * for what a path means). Compile it once and issue many credentials with it: the paths are checked
 * and arranged into a lookup tree here, not at every issuance. Immutable and thread-safe.
 */
public final class DisclosurePlan {

  private final Set<List<Object>> paths;
  private final PathNode root;

  private DisclosurePlan(Set<List<Object>> paths, PathNode root) {
    this.paths = paths;
    this.root = root;
  }

  /**
   * Compiles a set of claim paths.
   *
   * @throws IllegalArgumentException when a path is malformed ({@link ClaimPath#validate})
   */
  public static DisclosurePlan of(Set<List<Object>> sdPaths) {
    Objects.requireNonNull(sdPaths, "sdPaths");
    Set<List<Object>> copy = new LinkedHashSet<>();
    PathNode root = new PathNode();
    for (List<Object> path : sdPaths) {
      ClaimPath.validate(path);
      List<Object> p = Collections.unmodifiableList(new ArrayList<>(path));
      copy.add(p);
      root.add(p);
    }
    return new DisclosurePlan(Collections.unmodifiableSet(copy), root);
  }

  /** The claim paths, unmodifiable. */
  public Set<List<Object>> paths() {
    return paths;
  }

  PathNode root() {
    return root;
  }

  @Override
  public String toString() {
    return "DisclosurePlan" + paths;
  }

  /**
   * A trie of claim paths; {@code sd} marks the end of a path. Built once by {@link #of} and never
   * changed afterwards, so safe to share.
   */
  static final class PathNode {
    boolean sd;
    Map<String, PathNode> named;
    Map<Integer, PathNode> indexed;
    PathNode any;

    void add(List<Object> path) {
      PathNode n = this;
      for (Object e : path) {
        if (e == null) {
          if (n.any == null) {
            n.any = new PathNode();
          }
          n = n.any;
        } else if (e instanceof Integer) {
          if (n.indexed == null) {
            n.indexed = new HashMap<>();
          }
          n = n.indexed.computeIfAbsent((Integer) e, k -> new PathNode());
        } else {
          if (n.named == null) {
            n.named = new HashMap<>();
          }
          n = n.named.computeIfAbsent((String) e, k -> new PathNode());
        }
      }
      n.sd = true;
    }
  }
}
