package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.limit.ProviderProtection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, indexed set of policies with a version hash. Selecting the policies of an
 * invocation looks its action and its workload's directories up in an index and checks only the
 * candidates, never every policy.
 *
 * <p>Build one with {@link #parse(List, DetectorCatalog)} from policy files, or {@link #of} from
 * policies made in code.
 */
public final class PolicySet {

  private final PolicyDefaults defaults;
  private final List<Policy> policies;
  private final List<ProviderProtection> providers;
  private final List<EdgeControl> edge;
  private final String version;
  private final List<String> sources;
  private final PolicyIndex index;

  private PolicySet(PolicyDefaults defaults, List<Policy> policies,
      List<ProviderProtection> providers, List<EdgeControl> edge, String version, List<String> sources) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.policies = List.copyOf(policies);
    this.providers = List.copyOf(providers);
    this.edge = List.copyOf(edge);
    this.version = version;
    this.sources = List.copyOf(sources);
    this.index = new PolicyIndex(this.policies);
  }

  /**
   * Parses policy documents (YAML, or JSON when the name ends in {@code .json}).
   *
   * @param documents the documents, in order
   * @param catalog the detectors checks may name
   * @return the policy set
   * @throws PolicyException listing every problem with file, line, column and field
   */
  public static PolicySet parse(List<PolicyDocument> documents, DetectorCatalog catalog) {
    Objects.requireNonNull(documents, "documents");
    Objects.requireNonNull(catalog, "catalog");
    PolicyParser.Parsed parsed = new PolicyParser(catalog).parse(documents);
    return new PolicySet(parsed.defaults(), parsed.policies(), parsed.providers(), parsed.edge(),
        hash(documents), documents.stream().map(PolicyDocument::name).toList());
  }

  /**
   * Parses one document with the standard detector catalog.
   *
   * @param name the document name, used in errors
   * @param content YAML or JSON
   * @return the policy set
   * @throws PolicyException listing every problem
   */
  public static PolicySet parse(String name, String content) {
    return parse(List.of(new PolicyDocument(name, content)), DetectorCatalog.standard());
  }

  /**
   * A policy set made in code.
   *
   * @param defaults the defaults
   * @param policies the policies (ids must be unique)
   * @param providers provider protections
   * @return the policy set
   * @throws IllegalArgumentException on duplicate ids
   */
  public static PolicySet of(PolicyDefaults defaults, List<Policy> policies,
      List<ProviderProtection> providers) {
    Map<String, Policy> ids = new HashMap<>();
    StringBuilder h = new StringBuilder(defaults.toString());
    for (Policy p : policies) {
      if (ids.put(p.id(), p) != null) {
        throw new IllegalArgumentException("duplicate policy id '" + p.id() + "'");
      }
      h.append('\n').append(p);
    }
    providers.forEach(p -> h.append('\n').append(p));
    return new PolicySet(defaults, policies, providers, List.of(), sha(h.toString()), List.of("<code>"));
  }

  /**
   * A set without policies: only the defaults decide.
   *
   * @param defaults the defaults
   * @return the policy set
   */
  public static PolicySet empty(PolicyDefaults defaults) {
    return of(defaults, List.of(), List.of());
  }

  /**
   * The policies that match an invocation, in file order.
   *
   * @param invocation the invocation
   * @return the matching policies
   */
  public List<Policy> select(Invocation invocation) {
    return index.select(invocation);
  }

  /**
   * Why each policy matches an invocation or not, for {@code explain} tools.
   *
   * @param invocation the invocation
   * @return one line per policy, in file order
   */
  public List<Explanation> explain(Invocation invocation) {
    String model = invocation.model().toString();
    List<Explanation> out = new ArrayList<>();
    for (Policy p : policies) {
      String why = p.match().matchesAction(invocation.action()) ? p.match().mismatch(invocation, model) : "action";
      out.add(new Explanation(p, why == null, why == null ? "matches" : "does not match " + why));
    }
    return out;
  }

  /**
   * Whether and why one policy matches.
   *
   * @param policy the policy
   * @param matched whether it matches
   * @param why the first selector that did not match, or {@code matches}
   */
  public record Explanation(Policy policy, boolean matched, String why) {}

  /**
   * Finds a policy by id.
   *
   * @param id the id
   * @return the policy
   */
  public Optional<Policy> find(String id) {
    return policies.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * The defaults.
   *
   * @return defaults
   */
  public PolicyDefaults defaults() {
    return defaults;
  }

  /**
   * Every policy in file order.
   *
   * @return policies
   */
  public List<Policy> policies() {
    return policies;
  }

  /**
   * Provider protections.
   *
   * @return protections
   */
  public List<ProviderProtection> providers() {
    return providers;
  }

  /**
   * Controls enforced outside the process, from the {@code edge:} section: declared, not enforced
   * here, and carried into inventory events.
   *
   * @return edge controls, in file order
   */
  public List<EdgeControl> edgeControls() {
    return edge;
  }

  /**
   * A hash of the documents the set was built from (the first 12 hex digits of SHA-256), named in
   * every decision and audit event.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * The names of the documents the set was built from.
   *
   * @return names
   */
  public List<String> sources() {
    return sources;
  }

  @Override
  public String toString() {
    return "PolicySet[version=" + version + ", policies=" + policies.size() + ", sources=" + sources + "]";
  }

  private static String hash(List<PolicyDocument> documents) {
    StringBuilder sb = new StringBuilder();
    for (PolicyDocument d : documents) {
      // contents only: the same files give the same version on every replica, wherever they lie
      sb.append(d.content()).append('\0');
    }
    return sha(sb.toString());
  }

  static String sha(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
