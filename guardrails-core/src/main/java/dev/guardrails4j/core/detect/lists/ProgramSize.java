package dev.guardrails4j.core.detect.lists;

/**
 * An upper estimate of the size of the program RE2/J compiles from a pattern, read from its
 * syntax. RE2 matches in time linear in the text, but the constant is the program's size, and a
 * counted repetition is compiled as that many copies of what it repeats: {@code
 * ((a{1,100}){1,100}){1,100}} is a 27-character pattern and a program of a million instructions,
 * which takes seconds on a few hundred characters. Counting what the syntax expands to lets the
 * policy loader refuse such a pattern with a clear message before it ever runs.
 *
 * <p>Each literal, escape, character class or {@code .} counts one; a sequence adds up its parts;
 * an alternation adds up its branches plus one; {@code *}, {@code +} and {@code ?} add one; {@code
 * {n}} multiplies by n, {@code {n,}} by n + 1 and {@code {n,m}} by m. The count saturates, so a
 * hostile pattern cannot overflow it. The pattern has already compiled, so its syntax is valid.
 */
final class ProgramSize {

  /** The largest estimate a policy's pattern may have. */
  static final long LIMIT = 10_000;

  private static final long CAP = Long.MAX_VALUE / 4;

  private final String p;
  private int i;

  private ProgramSize(String pattern) {
    this.p = pattern;
  }

  /**
   * The estimate for a pattern that compiled.
   *
   * @param pattern the pattern
   * @return its estimated program size
   */
  static long of(String pattern) {
    ProgramSize s = new ProgramSize(pattern);
    long size = s.alternation();
    // a stray ')' cannot occur in a pattern that compiled; anything left is counted as literals
    return s.i < pattern.length() ? add(size, pattern.length() - s.i) : size;
  }

  private long alternation() {
    long total = sequence();
    while (i < p.length() && p.charAt(i) == '|') {
      i++;
      total = add(add(total, sequence()), 1);
    }
    return total;
  }

  private long sequence() {
    long total = 0;
    while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
      long item = item();
      total = add(total, quantified(item));
    }
    return total;
  }

  private long item() {
    char c = p.charAt(i);
    if (c == '(') {
      i++;
      if (i < p.length() && p.charAt(i) == '?') {
        // (?flags) alone sets flags; (?flags:...), (?P<name>...) and (?<name>...) are groups
        int j = i;
        while (j < p.length() && p.charAt(j) != ':' && p.charAt(j) != ')' && p.charAt(j) != '>') {
          j++;
        }
        if (j < p.length() && p.charAt(j) == ')') {
          i = j + 1;
          return 0;
        }
        i = Math.min(p.length(), j + 1);
      }
      long inner = alternation();
      if (i < p.length() && p.charAt(i) == ')') {
        i++;
      }
      return inner;
    }
    if (c == '[') {
      i++;
      if (i < p.length() && p.charAt(i) == '^') {
        i++;
      }
      if (i < p.length() && p.charAt(i) == ']') {
        i++;
      }
      while (i < p.length() && p.charAt(i) != ']') {
        if (p.charAt(i) == '\\') {
          i++;
        } else if (p.charAt(i) == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
          int close = p.indexOf(":]", i + 2);
          i = close < 0 ? i : close + 1;
        }
        i++;
      }
      i = Math.min(p.length(), i + 1);
      return 1;
    }
    if (c == '\\') {
      i++;
      if (i < p.length() && p.charAt(i) == 'Q') {
        int end = p.indexOf("\\E", i + 1);
        int stop = end < 0 ? p.length() : end;
        long literals = stop - (i + 1);
        i = end < 0 ? p.length() : end + 2;
        return Math.max(1, literals);
      }
      if (i < p.length() && (p.charAt(i) == 'p' || p.charAt(i) == 'P') && i + 1 < p.length() && p.charAt(i + 1) == '{') {
        int close = p.indexOf('}', i);
        i = close < 0 ? p.length() : close + 1;
        return 1;
      }
      i = Math.min(p.length(), i + 1);
      return 1;
    }
    i++;
    return 1;
  }

  private long quantified(long item) {
    if (i >= p.length()) {
      return item;
    }
    char c = p.charAt(i);
    long size;
    if (c == '*' || c == '+' || c == '?') {
      i++;
      size = add(item, 1);
    } else if (c == '{') {
      int close = p.indexOf('}', i);
      String body = close < 0 ? "" : p.substring(i + 1, close);
      if (!body.matches("[0-9]+(,[0-9]*)?")) {
        return item; // a literal '{'
      }
      i = close + 1;
      int comma = body.indexOf(',');
      long n = Long.parseLong(body.substring(0, comma < 0 ? body.length() : comma));
      long times = comma < 0 ? n : comma == body.length() - 1 ? n + 1 : Long.parseLong(body.substring(comma + 1));
      size = multiply(item, Math.max(1, times));
    } else {
      return item;
    }
    if (i < p.length() && p.charAt(i) == '?') {
      i++; // lazy: same program
    }
    return quantified(size);
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long multiply(long a, long b) {
    return a > CAP / b ? CAP : Math.min(CAP, a * b);
  }
}
