package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.core.match.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * The candidates of an invocation, found without looking at every policy: first by action (a
 * policy whose action selectors are all literal is filed under each; the others, in one bucket of
 * their own, are candidates for every action), then within each bucket by workload (a policy whose
 * workload globs all start with a literal directory, such as "spiffe://example.org/ns/team-3/sa/"
 * for ".../team-3/sa/*", is filed under each directory; it can only match a workload id under one
 * of them). A lookup walks the '/' positions of the workload id with an incremental String hash,
 * so it allocates nothing until a policy matches. Candidates are then checked in full by their
 * CompiledMatch; the matches come back in file order. Every policy is filed once per literal
 * action and directory it names, so the index grows linearly with the policy files.
 */
final class PolicyIndex {

  /* Set on an entry whose action selector still needs checking (it has wildcards or none). */
  private static final int CHECK_ACTION = 1 << 30;
  private static final int ORDINAL = CHECK_ACTION - 1;

  private final List<Policy> policies;
  private final CompiledMatch[] matchers;
  private final Map<String, Bucket> byAction;
  private final Bucket anyAction;

  PolicyIndex(List<Policy> policies) {
    this.policies = policies;
    this.matchers = new CompiledMatch[policies.size()];
    for (int i = 0; i < matchers.length; i++) {
      matchers[i] = new CompiledMatch(policies.get(i).match());
    }
    Map<String, List<Integer>> literal = new LinkedHashMap<>();
    List<Integer> wildcard = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      List<Glob> actions = policies.get(i).match().actions();
      if (!actions.isEmpty() && actions.stream().allMatch(Glob::isLiteral)) {
        for (Glob g : actions) {
          List<Integer> list = literal.computeIfAbsent(g.pattern(), k -> new ArrayList<>());
          if (list.isEmpty() || list.get(list.size() - 1) != i) {
            list.add(i);
          }
        }
      } else {
        wildcard.add(i);
      }
    }
    Map<String, Bucket> index = new HashMap<>();
    for (Map.Entry<String, List<Integer>> e : literal.entrySet()) {
      // filed under this literal action: their action selector matches, no need to check it again
      index.put(e.getKey(), new Bucket(policies, e.getValue()));
    }
    this.byAction = index;
    List<Integer> any = new ArrayList<>();
    for (int w : wildcard) {
      any.add(w | CHECK_ACTION);
    }
    this.anyAction = new Bucket(policies, any);
  }

  List<Policy> select(Invocation invocation) {
    String action = invocation.action();
    Bucket literal = byAction.get(action);
    if (literal == null && anyAction.size == 0) {
      return List.of();
    }
    String model = invocation.model().toString();
    Matches matches = new Matches();
    DirectoryTable literalDirectories = null;
    if (literal != null) {
      everyWorkload(literal, invocation, action, model, matches);
      literalDirectories = literal.directories;
    }
    everyWorkload(anyAction, invocation, action, model, matches);
    DirectoryTable anyDirectories = anyAction.directories;
    if (literalDirectories != null || anyDirectories != null) {
      // one walk over the workload id serves both buckets
      String workload = invocation.caller().workload().id();
      int h = 0;
      for (int i = 0, n = workload.length(); i < n; i++) {
        char c = workload.charAt(i);
        h = 31 * h + c;
        if (c == '/') {
          if (literalDirectories != null) {
            check(literalDirectories.find(workload, i + 1, h), invocation, action, model, matches);
          }
          if (anyDirectories != null) {
            check(anyDirectories.find(workload, i + 1, h), invocation, action, model, matches);
          }
        }
      }
    }
    return matches.inFileOrder(policies);
  }

  private void everyWorkload(Bucket bucket, Invocation invocation, String action, String model, Matches matches) {
    for (int i = 0; i < bucket.everyWorkload.length; i++) {
      check(bucket.everyWorkload[i], invocation, action, model, matches);
    }
  }

  private void check(int @Nullable [] entries, Invocation invocation, String action, String model, Matches matches) {
    if (entries != null) {
      for (int entry : entries) {
        check(entry, invocation, action, model, matches);
      }
    }
  }

  private void check(int entry, Invocation invocation, String action, String model, Matches matches) {
    int ordinal = entry & ORDINAL;
    CompiledMatch m = matchers[ordinal];
    if (((entry & CHECK_ACTION) == 0 || m.matchesAction(action)) && m.matches(invocation, model)) {
      matches.add(ordinal);
    }
  }

  /** The candidates for one action: those for every workload, and those under a directory. */
  private static final class Bucket {
    final int size;
    final int[] everyWorkload;
    final @Nullable DirectoryTable directories;

    Bucket(List<Policy> policies, List<Integer> ordinals) {
      size = ordinals.size();
      List<Integer> every = new ArrayList<>();
      Map<String, List<Integer>> byDirectory = new LinkedHashMap<>();
      for (int ordinal : ordinals) {
        List<String> dirs = directories(policies.get(ordinal & ORDINAL).match().workloads());
        if (dirs == null) {
          every.add(ordinal);
        } else {
          for (String d : dirs) {
            byDirectory.computeIfAbsent(d, k -> new ArrayList<>()).add(ordinal);
          }
        }
      }
      everyWorkload = every.stream().sorted().mapToInt(Integer::intValue).toArray();
      directories = byDirectory.isEmpty() ? null : new DirectoryTable(byDirectory);
    }

    /* The literal directories a policy's workload globs start with, or null if any glob has none. */
    private static @Nullable List<String> directories(List<Glob> workloads) {
      if (workloads.isEmpty()) {
        return null;
      }
      List<String> out = new ArrayList<>(workloads.size());
      for (Glob g : workloads) {
        String dir = g.literalDirectory();
        if (dir.isEmpty()) {
          return null;
        }
        if (!out.contains(dir)) {
          out.add(dir);
        }
      }
      return out;
    }
  }

  /*
   * Open addressing from a directory (a workload prefix ending in '/') to policy ordinals, looked
   * up by the prefix's String hash and length, so the caller never builds the prefix string.
   */
  private static final class DirectoryTable {
    private final String[] keys;
    private final int[] hashes;
    private final int[][] values;
    private final int mask;

    DirectoryTable(Map<String, List<Integer>> entries) {
      int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
      keys = new String[capacity];
      hashes = new int[capacity];
      values = new int[capacity][];
      mask = capacity - 1;
      for (Map.Entry<String, List<Integer>> e : entries.entrySet()) {
        int h = e.getKey().hashCode();
        int slot = spread(h) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = e.getKey();
        hashes[slot] = h;
        values[slot] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      }
    }

    /* The ordinals filed under text[0, length), whose String hash is h; null if none. */
    int @Nullable [] find(String text, int length, int h) {
      int slot = spread(h) & mask;
      String key;
      while ((key = keys[slot]) != null) {
        if (hashes[slot] == h && key.length() == length && text.startsWith(key)) {
          return values[slot];
        }
        slot = (slot + 1) & mask;
      }
      return null;
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }
  }

  /* Matched ordinals; allocated only when something matches. */
  private static final class Matches {
    private int @Nullable [] ordinals;
    private int size;

    void add(int ordinal) {
      if (ordinals == null) {
        ordinals = new int[4];
      } else if (size == ordinals.length) {
        ordinals = Arrays.copyOf(ordinals, size * 2);
      }
      ordinals[size++] = ordinal;
    }

    List<Policy> inFileOrder(List<Policy> policies) {
      if (size == 0) {
        return List.of();
      }
      Arrays.sort(ordinals, 0, size);
      List<Policy> out = new ArrayList<>(size);
      int last = -1;
      for (int i = 0; i < size; i++) {
        // a policy filed under two directories that both hold the workload is found twice
        if (ordinals[i] != last) {
          out.add(policies.get(ordinals[i]));
          last = ordinals[i];
        }
      }
      return out;
    }
  }
}
