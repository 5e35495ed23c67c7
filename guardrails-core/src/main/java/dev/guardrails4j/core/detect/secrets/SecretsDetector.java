package dev.guardrails4j.core.detect.secrets;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.FindingList;
import dev.guardrails4j.core.detect.text.FoldedText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds credentials in one pass that only stops where a secret can start.
 *
 * <p>At a word start it looks up the word's first two characters in an index of known token
 * prefixes ({@code AKIA}, {@code ghp_}, {@code xoxb-}, {@code sk_live_}, ...) and of trigger words
 * ({@code password}, {@code Bearer}, ...); at {@code =}, {@code :}, {@code ,} and {@code >} it reads
 * the key on the left and, when the key names a secret, judges the value on the right; at
 * {@code -----BEGIN} it looks for private key blocks; at {@code $} for password hashes; at
 * {@code ://} for credentials in URLs. Everything else is skipped a word at a time. Regular
 * expressions only ever run on a bounded window after a matched prefix.
 */
final class SecretsDetector implements Detector {

  static final String NAME = "secrets";

  static final double SCORE_CHECKSUM = 1.0;
  static final double SCORE_STRUCTURE = 0.95;
  static final double SCORE_FORMAT = 0.9;
  static final double SCORE_ASSIGNED = 0.8;
  static final double SCORE_ASSIGNED_UNQUOTED = 0.7;
  static final double SCORE_FILLER = 0.4;
  static final double SCORE_IDENTIFIER = 0.3;

  /** Every type this detector can report. */
  static final Set<String> TYPES;

  private static final Set<String> IDENTIFIERS = Set.copyOf(SecretFormats.IDENTIFIER_TYPES);

  static {
    Set<String> types = new LinkedHashSet<>();
    for (TokenRule rule : SecretFormats.RULES) {
      types.add(rule.type);
    }
    types.addAll(SecretFormats.IDENTIFIER_TYPES);
    types.addAll(List.of(
        SecretFormats.AWS_SECRET_KEY, SecretFormats.AWS_SESSION_TOKEN,
        SecretFormats.AZURE_CLIENT_SECRET, SecretFormats.AZURE_STORAGE_KEY,
        SecretFormats.AZURE_SHARED_KEY, SecretFormats.AZURE_SAS, SecretFormats.AZURE_DEVOPS_PAT,
        SecretFormats.TERRAFORM, SecretFormats.VAULT_UNSEAL, SecretFormats.KUBERNETES,
        SecretFormats.DISCORD, SecretFormats.TELEGRAM, SecretFormats.MAILCHIMP,
        SecretFormats.NEWRELIC, SecretFormats.THINGSBOARD, SecretFormats.TRUENAS,
        SecretFormats.WIREGUARD, SecretFormats.PRIVATE_KEY, SecretFormats.PASSWORD_HASH,
        SecretFormats.JWT, SecretFormats.HTTP_AUTH, SecretFormats.CONNECTION_STRING,
        SecretFormats.GENERIC));
    TYPES = Set.copyOf(types);
  }

  /** Trigger words, matched case-insensitively unless stated, that start a non-prefix check. */
  private enum Trigger {
    PASSWORD("password"), PASSWD("passwd"), PASSPHRASE("passphrase"),
    TOKEN_WORD("token"), SECRET_WORD("secret"), KEY_WORD("key"),
    BEARER("bearer"), BASIC("basic"), UNSEAL("unseal"), NETWORK_CREDENTIAL("networkcredential"),
    DIRECTORY_ENTRY("directoryentry"), PUTTY("putty-user-key-file-"),
    BASE64_PEM("LS0tLS1CRUdJTi", true), JWT("eyJ", true), SHOPIFY_HOST("myshopify"),
    GOOGLE_CLIENT("apps.googleusercontent.com", true), S3_HOST("s3", true),
    GCS_HOST("storage.googleapis.com", true), TERRAFORM("atlasv1.", true),
    THINGSBOARD("telemetry", true);

    final String word;
    final boolean caseSensitive;

    Trigger(String word) {
      this(word, false);
    }

    Trigger(String word, boolean caseSensitive) {
      this.word = word;
      this.caseSensitive = caseSensitive;
    }
  }

  private static final int MAX_VALUE = 256;
  private static final int THREE_BITS = 1 << 15;
  private static final int PEM_WINDOW = 32 * 1024;

  private static final Pattern JWT_BODY = Pattern.compile(
      "[A-Za-z0-9_-]{8,2000}\\.ey[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{0,2000}={0,2}");
  private static final Pattern HASH = Pattern.compile(
      "\\$(?:"
          + "1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}"
          + "|2[abxy]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}"
          + "|[56]\\$(?:rounds=[0-9]{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{43}(?:[./A-Za-z0-9]{43})?"
          + "|[89]\\$[./A-Za-z0-9]{14}\\$[./A-Za-z0-9]{43}"
          + "|y\\$[./A-Za-z0-9]{1,32}\\$[./A-Za-z0-9]{1,86}\\$[./A-Za-z0-9]{43}"
          + "|argon2(?:id|i|d)\\$v=[0-9]{2}\\$m=[0-9]{1,9},t=[0-9]{1,9},p=[0-9]{1,3}"
          + "\\$[A-Za-z0-9+/]{8,64}\\$[A-Za-z0-9+/]{16,128}"
          + "|pbkdf2-sha(?:1|256|512)\\$[0-9]{1,9}\\$[./A-Za-z0-9+]{8,64}\\$[./A-Za-z0-9+]{16,128}"
          + "|krb5asrep\\$23\\$(?:[^$\\s:]{1,128}:)?[0-9a-f]{32}\\$[0-9a-f]{64,8192}"
          + "|krb5tgs\\$23\\$\\*[^*\\s]{1,256}\\*\\$[0-9a-f]{32}\\$[0-9a-f]{64,8192}"
          + ")");
  private static final Pattern DISCORD_BOT = Pattern.compile(
      "[MNO][A-Za-z0-9]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}");

  /** Types that key-and-value assignments can report; without them the binders are skipped. */
  private static final Set<String> ASSIGNED_TYPES = Set.of(
      SecretFormats.GENERIC, SecretFormats.CONNECTION_STRING, SecretFormats.AWS_SECRET_KEY,
      SecretFormats.AWS_SESSION_TOKEN, SecretFormats.AWS_ACCOUNT_ID, SecretFormats.AZURE_STORAGE_KEY,
      SecretFormats.AZURE_SHARED_KEY, SecretFormats.AZURE_SAS, SecretFormats.AZURE_DEVOPS_PAT,
      SecretFormats.WIREGUARD);

  private final Set<String> types;
  private final boolean allTypes;
  private final boolean assignments;
  private final TokenRule[] @Nullable [] rules;
  private final Trigger[] @Nullable [] triggers;
  /** One bit per two-character key that has rules or triggers: 2 KiB, so it stays in cache. */
  private final long[] starts = new long[128 * 128 / 64];
  /** Keys with a two-character prefix (such as "SK"), where the third character says nothing. */
  private final long[] twoCharPrefixes = new long[128 * 128 / 64];
  /**
   * A hashed filter over the first three characters of every prefix and trigger word (4 KiB):
   * common words that share two letters with a prefix ("to" and "token") stop here.
   */
  private final long[] starts3 = new long[THREE_BITS / 64];


  SecretsDetector(Set<String> types) {
    this.types = Set.copyOf(types);
    this.allTypes = types.containsAll(TYPES);
    this.assignments = types.stream().anyMatch(ASSIGNED_TYPES::contains);
    this.rules = new TokenRule[128 * 128][];
    this.triggers = new Trigger[128 * 128][];
    for (TokenRule rule : SecretFormats.RULES) {
      if (types.contains(rule.type)) {
        int key = (rule.prefix.charAt(0) << 7) | rule.prefix.charAt(1);
        rules[key] = append(rules[key], rule);
        starts[key >>> 6] |= 1L << key;
        if (rule.prefix.length() == 2) {
          twoCharPrefixes[key >>> 6] |= 1L << key;
        } else {
          int h = hash3(key, rule.prefix.charAt(2));
          starts3[h >>> 6] |= 1L << h;
        }
      }
    }
    for (Trigger trigger : Trigger.values()) {
      String w = trigger.word;
      char a = w.charAt(0);
      char b = w.charAt(1);
      char[] firsts = trigger.caseSensitive ? new char[] {a} : caseVariants(a);
      char[] seconds = trigger.caseSensitive ? new char[] {b} : caseVariants(b);
      for (char x : firsts) {
        for (char y : seconds) {
          int key = (x << 7) | y;
          if (!contains(triggers[key], trigger)) {
            triggers[key] = append(triggers[key], trigger);
            starts[key >>> 6] |= 1L << key;
          }
          if (w.length() == 2) {
            twoCharPrefixes[key >>> 6] |= 1L << key;
          } else {
            char c = w.charAt(2);
            for (char z : trigger.caseSensitive ? new char[] {c} : caseVariants(c)) {
              int h = hash3(key, z);
              starts3[h >>> 6] |= 1L << h;
            }
          }
        }
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> types() {
    return types;
  }

  @Override
  public List<Finding> detect(String text) {
    Objects.requireNonNull(text, "text");
    FindingList out = new FindingList(NAME, null);
    int foldAt = scan(text, new Sink(out), true);
    if (foldAt >= 0) {
      FoldedText folded = FoldedText.fold(text, foldAt);
      out = new FindingList(NAME, folded);
      scan(folded.text(), new Sink(out), false);
    }
    return out.result();
  }

  /** Adds findings of requested types only. */
  private final class Sink implements SecretAssignments.Sink {
    final FindingList out;

    Sink(FindingList out) {
      this.out = out;
    }

    @Override
    public boolean wants(String type) {
      return allTypes || types.contains(type);
    }

    @Override
    public void add(String type, int start, int end, double score) {
      if (wants(type)) {
        out.add(type, start, end, score);
      }
    }

    @Override
    public int prefixed(String t, int s) {
      if (s + 1 >= t.length() || !boundaryBefore(t, s) || t.charAt(s) >= 128
          || t.charAt(s + 1) >= 128 || !AsciiCase.isAsciiAlnum(t.charAt(s))) {
        return -1;
      }
      int wordEnd = s + 1;
      while (wordEnd < t.length() && AsciiCase.isAsciiAlnum(t.charAt(wordEnd))) {
        wordEnd++;
      }
      int key = (t.charAt(s) << 7) | t.charAt(s + 1);
      int end = prefixes(t, s, key, this);
      if (end < 0 && !isPhraseTriggerAt(t, s)) {
        end = triggers(t, s, wordEnd, key, this);
      }
      if (end < 0) {
        end = byLength(t, s, wordEnd, this);
      }
      if (end < 0 && s + 5 < t.length() && t.charAt(s + 5) == '~') {
        end = azureClientSecret(t, s + 5, this);
      }
      if (end < 0 && wordEnd + 2 < t.length() && t.charAt(wordEnd) == ':'
          && t.charAt(wordEnd + 1) == 'A' && t.charAt(wordEnd + 2) == 'A') {
        end = telegram(t, wordEnd, this);
      }
      return end;
    }
  }

  // ------------------------------------------------------------------ the scan

  /**
   * Scans t; returns -1, or (when checkFold is set) the index of the first character that needs
   * folding, in which case the caller folds the text and scans again.
   */
  private int scan(String t, Sink sink, boolean checkFold) {
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      // One lookup and one well-predicted branch per ordinary character.
      byte kind = CLASS[Math.min(c, 128)];
      if (kind == OTHER) {
        i = skip(t, i + 1, n, OTHER);
        continue;
      }
      if (kind == NON_ASCII) {
        if (checkFold && FoldedText.foldsAt(t, i)) {
          return i;
        }
        i++;
        continue;
      }
      if (kind == WORD) {
        int wordEnd = skip(t, i + 1, n, WORD);
        int end = -1;
        if (i + 1 < n && t.charAt(i + 1) < 128) {
          int key = (c << 7) | t.charAt(i + 1);
          if ((starts[key >>> 6] & (1L << key)) != 0) {
            int h = hash3(key, i + 2 < n ? t.charAt(i + 2) : 0);
            if ((starts3[h >>> 6] & (1L << h)) != 0
                || (twoCharPrefixes[key >>> 6] & (1L << key)) != 0) {
              end = prefixes(t, i, key, sink);
              if (end < 0) {
                end = triggers(t, i, wordEnd, key, sink);
              }
            }
          }
        }
        if (end < 0 && LENGTH_CHECKED[Math.min(wordEnd - i, 127)]) {
          end = byLength(t, i, wordEnd, sink);
        }
        i = Math.max(wordEnd, end);
        continue;
      }
      if (c == ',' && !quoteBefore(t, i)) {
        i++; // a comma only binds a key to a value between string literals
        continue;
      }
      int end = switch (c) {
        case '=', ':', ',', '>', '!' -> punctuation(t, i, sink);
        case '-' -> dash(t, i, sink);
        case '$' -> hash(t, i, sink);
        case '~' -> azureClientSecret(t, i, sink);
        default -> -1;
      };
      i = end > i ? end : i + 1;
    }
    return -1;
  }

  /** The index of the first character from i on whose class is not {@code kind}, or n. */
  private static int skip(String t, int i, int n, byte kind) {
    int p = i;
    while (p < n && CLASS[Math.min(t.charAt(p), 128)] == kind) {
      p++;
    }
    return p;
  }

  private static final byte OTHER = 0;
  private static final byte WORD = 1;
  private static final byte ANCHOR = 2;
  private static final byte NON_ASCII = 3;
  /** The class of every ASCII character, and at index 128 of every other one. */
  private static final byte[] CLASS = new byte[129];
  /** Word lengths that {@link #byLength} looks at. */
  private static final boolean[] LENGTH_CHECKED = new boolean[128];

  static {
    for (int length : new int[] {6, 24, 25, 26, 32, 40, 64, 84}) {
      LENGTH_CHECKED[length] = true;
    }
    for (char c = 0; c < 128; c++) {
      CLASS[c] = AsciiCase.isAsciiAlnum(c) ? WORD : "=:,>!-$~".indexOf(c) >= 0 ? ANCHOR : OTHER;
    }
    CLASS[128] = NON_ASCII;
  }

  private int prefixes(String t, int i, int key, Sink sink) {
    TokenRule[] candidates = rules[key];
    if (candidates == null) {
      return -1;
    }
    char third = i + 2 < t.length() ? t.charAt(i + 2) : 0;
    for (TokenRule rule : candidates) {
      if ((rule.prefix.length() > 2 && rule.prefix.charAt(2) != third)
          || !t.startsWith(rule.prefix, i)) {
        continue;
      }
      // The body is matched before the context word is looked for: it fails at once on the
      // common false starts ("00" of a time or an amount), the look back would read 160 characters.
      int end = rule.match(t, i);
      if (end > 0 && (rule.context == null || wordBefore(t, i, rule.context, 160))) {
        sink.add(rule.type, i, end, rule.identifier ? rule.score : rule.scoreOf(t, i, end));
        return end;
      }
    }
    return -1;
  }

  private int triggers(String t, int i, int wordEnd, int key, Sink sink) {
    Trigger[] candidates = triggers[key];
    if (candidates == null) {
      return -1;
    }
    char third = i + 2 < t.length() ? Character.toLowerCase(t.charAt(i + 2)) : 0;
    for (Trigger trigger : candidates) {
      String w = trigger.word;
      if ((w.length() > 2 && Character.toLowerCase(w.charAt(2)) != third)
          || !(trigger.caseSensitive ? t.startsWith(w, i) : AsciiCase.startsWith(t, i, w))) {
        continue;
      }
      int end = switch (trigger) {
        case PASSWORD, PASSWD, PASSPHRASE ->
            wordEnd == i + w.length() ? passwordPhrase(t, i, wordEnd, sink) : -1;
        case TOKEN_WORD, SECRET_WORD, KEY_WORD ->
            wordEnd == i + w.length() ? isPhrase(t, wordEnd, trigger == Trigger.SECRET_WORD, sink) : -1;
        case BEARER -> wordEnd == i + w.length() ? bearer(t, i, wordEnd, sink) : -1;
        case BASIC -> wordEnd == i + w.length() ? basic(t, i, wordEnd, sink) : -1;
        case UNSEAL -> unseal(t, i, wordEnd, sink);
        case NETWORK_CREDENTIAL -> credentialCall(t, wordEnd, 2, sink);
        case DIRECTORY_ENTRY -> credentialCall(t, wordEnd, 3, sink);
        case PUTTY -> putty(t, i, sink);
        case BASE64_PEM -> base64Pem(t, i, sink);
        case JWT -> jwt(t, i, sink);
        case SHOPIFY_HOST -> hostSuffix(t, i, "myshopify.com", SecretFormats.SHOPIFY_DOMAIN, sink);
        case GOOGLE_CLIENT -> googleClientId(t, i, sink);
        case S3_HOST -> s3Host(t, i, sink);
        case GCS_HOST -> hostSuffix(t, i, "storage.googleapis.com", SecretFormats.CLOUD_BUCKET, sink);
        case TERRAFORM -> terraform(t, i, sink);
        case THINGSBOARD -> thingsboard(t, i, sink);
      };
      if (end > 0) {
        return end;
      }
    }
    return -1;
  }

  /** Checks that depend on a word's length rather than a prefix. */
  private int byLength(String t, int i, int j, Sink sink) {
    int n = t.length();
    switch (j - i) {
      case 84 -> {
        // Azure DevOps personal access tokens (2024 format) carry "AZDO" at offset 76.
        if (t.startsWith("AZDO", i + 76) && boundaryBefore(t, i)) {
          sink.add(SecretFormats.AZURE_DEVOPS_PAT, i, j, SCORE_STRUCTURE);
          return j;
        }
      }
      case 32 -> {
        // Mailchimp: 32 hex digits, a dash and the data centre ("-us13").
        if (isHex(t, i, j) && t.startsWith("-us", j) && j + 4 <= n
            && AsciiCase.isAsciiDigit(t.charAt(j + 3))) {
          int e = j + 4;
          if (e < n && AsciiCase.isAsciiDigit(t.charAt(e))) {
            e++;
          }
          if (boundaryAfter(t, e) && boundaryBefore(t, i)) {
            sink.add(SecretFormats.MAILCHIMP, i, e, SCORE_FORMAT);
            return e;
          }
        }
      }
      case 64 -> {
        // TrueNAS API keys: "<id>-<64 alphanumerics>".
        if (i >= 2 && t.charAt(i - 1) == '-' && boundaryAfter(t, j)) {
          int s = i - 1;
          while (s > 0 && AsciiCase.isAsciiDigit(t.charAt(s - 1)) && i - 1 - s < 4) {
            s--;
          }
          if (s < i - 1 && boundaryBefore(t, s) && !isHex(t, i, j)) {
            sink.add(SecretFormats.TRUENAS, s, j, SCORE_FORMAT);
            return j;
          }
        }
      }
      case 40 -> {
        // New Relic license keys end in "NRAL".
        if (t.startsWith("NRAL", j - 4) && isLowerAlnum(t, i, j - 4) && boundaryBefore(t, i)) {
          sink.add(SecretFormats.NEWRELIC, i, j, SCORE_FORMAT);
          return j;
        }
      }
      case 24, 25, 26 -> {
        char c = t.charAt(i);
        if ((c == 'M' || c == 'N' || c == 'O') && j < n && t.charAt(j) == '.') {
          int e = lookingAt(DISCORD_BOT, t, i, 80);
          if (e > 0 && boundaryBefore(t, i) && boundaryAfter(t, e)) {
            sink.add(SecretFormats.DISCORD, i, e, SCORE_FORMAT);
            return e;
          }
        }
      }
      case 6 -> {
        // Kubernetes bootstrap tokens: "[a-z0-9]{6}.[a-z0-9]{16}", named as such nearby.
        if (j + 17 <= n && t.charAt(j) == '.' && AsciiCase.isAsciiAlnum(t.charAt(j + 1))
            && isLowerAlnum(t, i, j)
            && isLowerAlnum(t, j + 1, j + 17) && boundaryAfter(t, j + 17) && boundaryBefore(t, i)
            && (wordBefore(t, i, "bootstrap", 64) || wordBefore(t, i, "token", 64))) {
          sink.add(SecretFormats.KUBERNETES, i, j + 17, SCORE_FORMAT);
          return j + 17;
        }
      }
      default -> {
        return -1;
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ punctuation

  private int punctuation(String t, int b, Sink sink) {
    char c = t.charAt(b);
    int n = t.length();
    if (c == ':' && b + 2 < n && t.charAt(b + 1) == '/' && t.charAt(b + 2) == '/') {
      return urlCredentials(t, b, sink);
    }
    if (c == ':' && b + 2 < n && t.charAt(b + 1) == 'A' && t.charAt(b + 2) == 'A') {
      int end = telegram(t, b, sink);
      if (end > 0) {
        return end;
      }
    }
    return assignments ? SecretAssignments.assignment(t, b, sink) : -1;
  }

  /** Credentials in a URL's authority: {@code scheme://user:password@host}. */
  private int urlCredentials(String t, int colon, Sink sink) {
    int n = t.length();
    int s = colon;
    while (s > 0 && colon - s < 24 && isSchemeChar(t.charAt(s - 1))) {
      s--;
    }
    if (s == colon) {
      return -1;
    }
    int a = colon + 3;
    int at = -1;
    int firstColon = -1;
    int p = a;
    while (p < n && p - a < MAX_VALUE) {
      char c = t.charAt(p);
      if (c <= ' ' || c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<'
          || c == '>' || c == '`' || c == '\\') {
        break;
      }
      if (c == ':' && firstColon < 0 && at < 0) {
        firstColon = p;
      }
      if (c == '@') {
        at = p;
      }
      p++;
    }
    if (at < 0 || firstColon < 0 || firstColon > at || firstColon + 1 >= at) {
      return -1;
    }
    int ps = firstColon + 1;
    int known = sink.prefixed(t, ps);
    if (known > 0) {
      return known;
    }
    if (SecretValues.isReference(t, ps, at) || SecretValues.isPlaceholder(t, ps, at, "password")
        || at - ps < 4) {
      return -1;
    }
    sink.add(SecretFormats.CONNECTION_STRING, ps, at, SCORE_FORMAT);
    return at + 1;
  }

  /** Telegram bot tokens: {@code <bot id>:AA<33 characters>}. */
  private int telegram(String t, int colon, Sink sink) {
    int s = colon;
    while (s > 0 && AsciiCase.isAsciiDigit(t.charAt(s - 1)) && colon - s <= 10) {
      s--;
    }
    int digits = colon - s;
    if (digits < 8 || digits > 10 || !boundaryBefore(t, s)) {
      return -1;
    }
    int p = colon + 3;
    int e = p;
    while (e < t.length() && isUrlSafe(t.charAt(e)) && e - p <= 36) {
      e++;
    }
    if (e - p < 30 || e - p > 36 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.TELEGRAM, s, e, SCORE_FORMAT);
    return e;
  }

  // ------------------------------------------------------------------ dashes

  /**
   * A command-line flag that carries a secret: {@code --password x}, {@code -Password x},
   * {@code --api-key=x}, {@code -vaultToken x}, {@code -p x} after a {@code -u} flag (PsExec,
   * docker login), {@code -u user:password} (curl).
   */
  private int dash(String t, int i, Sink sink) {
    int n = t.length();
    if (t.startsWith("----", i)) {
      return privateKeyBlock(t, i, sink);
    }
    if (i > 0 && !isFlagBoundary(t.charAt(i - 1))) {
      return -1;
    }
    int p = i + 1;
    if (p < n && t.charAt(p) == '-') {
      p++;
    }
    int flagEnd = p;
    while (flagEnd < n && flagEnd - p < 40 && (AsciiCase.isAsciiAlnum(t.charAt(flagEnd))
        || t.charAt(flagEnd) == '-' || t.charAt(flagEnd) == '_')) {
      flagEnd++;
    }
    if (flagEnd == p || flagEnd >= n || (t.charAt(flagEnd) != ' ' && t.charAt(flagEnd) != '=')) {
      return -1;
    }
    boolean single = p == i + 1;
    boolean shortP = single && flagEnd == p + 1 && t.charAt(p) == 'p' && userFlagBefore(t, i);
    boolean user = (single && flagEnd == p + 1 && t.charAt(p) == 'u')
        || (flagEnd == p + 4 && t.startsWith("user", p));
    KeyNames.Kind kind = KeyNames.Kind.PASSWORD;
    if (!shortP && !user) {
      if (!SecretAssignments.mayNameSecret(t, p, flagEnd)) {
        return -1;
      }
      kind = KeyNames.classify(t.substring(p, flagEnd));
      if (kind == KeyNames.Kind.NONE) {
        return -1;
      }
    }
    int v = flagEnd + 1;
    while (v < n && t.charAt(v) == ' ' && v - flagEnd < 4) {
      v++;
    }
    int[] span = SecretAssignments.value(t, v);
    if (span == null) {
      return -1;
    }
    int vs = span[0];
    int ve = span[2] == 1 ? span[1] : SecretAssignments.trimSentenceEnd(t, span[0], span[1]);
    if (user) {
      int colon = indexOf(t, ":", vs, ve);
      if (colon < 0 || colon >= ve - 1) {
        return -1;
      }
      vs = colon + 1;
    }
    int known = sink.prefixed(t, vs);
    if (known > 0) {
      return known;
    }
    if (ve - vs < 4 || SecretValues.isReference(t, vs, ve)
        || SecretValues.isPlaceholder(t, vs, ve, "password")
        || (kind == KeyNames.Kind.TOKEN && !SecretValues.looksRandom(t, vs, ve))) {
      return -1;
    }
    // A password flag in documentation is followed by a word ("-keypasswd commands"); a real one
    // by a quoted value, or a value with a digit or symbol, or it is the "-p" of a "-u ... -p" pair.
    if (!shortP && span[2] == 0 && !hasDigitOrSymbol(t, vs, ve)) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, vs, ve, span[2] == 1 ? SCORE_ASSIGNED : SCORE_ASSIGNED_UNQUOTED);
    return ve;
  }

  private static boolean isFlagBoundary(char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == ','
        || c == '`' || c == '\n';
  }

  /** Whether a "-u", "--user" or "-U" flag comes earlier on the same line. */
  private static boolean userFlagBefore(String t, int i) {
    int from = Math.max(0, i - 200);
    for (int p = i - 1; p > from; p--) {
      char c = t.charAt(p);
      if (c == '\n') {
        return false;
      }
      if (c == '-' && (t.charAt(p - 1) == ' ' || t.charAt(p - 1) == '-')
          && p + 2 < i && (t.charAt(p + 1) == 'u' || t.charAt(p + 1) == 'U')
          && (t.charAt(p + 2) == ' ' || t.startsWith("ser", p + 2))) {
        return true;
      }
    }
    return false;
  }

  /** A PEM (or SSH2) private key block, from its BEGIN line to its END line. */
  private int privateKeyBlock(String t, int i, Sink sink) {
    int n = t.length();
    int p = i;
    while (p < n && t.charAt(p) == '-' && p - i < 6) {
      p++;
    }
    if (p - i < 4) {
      return -1;
    }
    if (p < n && t.charAt(p) == ' ') {
      p++;
    }
    if (!t.startsWith("BEGIN ", p)) {
      return p;
    }
    int labelEnd = p;
    while (labelEnd < n && labelEnd - p < 60 && t.charAt(labelEnd) != '-'
        && t.charAt(labelEnd) != '\n') {
      labelEnd++;
    }
    String label = t.substring(p, labelEnd);
    if (!label.contains("PRIVATE KEY")) {
      return labelEnd;
    }
    int headerEnd = labelEnd;
    while (headerEnd < n && t.charAt(headerEnd) == '-') {
      headerEnd++;
    }
    // The body: base64 with whatever a source file wraps it in (quotes, "\n", "+", spaces).
    int limit = Math.min(n, headerEnd + PEM_WINDOW);
    int run = 0;
    int bestRun = 0;
    int bodyEnd = headerEnd;
    for (int q = headerEnd; q < limit; q++) {
      char c = t.charAt(q);
      if (AsciiCase.isAsciiAlnum(c) || c == '/' || c == '+' || c == '=') {
        run++;
        bestRun = Math.max(bestRun, run);
        bodyEnd = q + 1;
      } else if (c == '-' && t.startsWith("----", q)) {
        break;
      } else {
        run = 0;
      }
    }
    if (bestRun < 20) {
      return headerEnd;
    }
    int end = bodyEnd;
    int endMarker = indexOf(t, "END ", bodyEnd, Math.min(n, bodyEnd + 64));
    if (endMarker > 0) {
      end = endMarker + 4;
      while (end < n && end - endMarker < 80 && t.charAt(end) != '\n' && t.charAt(end) != '"'
          && t.charAt(end) != '\\') {
        end++;
      }
      while (end > endMarker && t.charAt(end - 1) != '-') {
        end--;
      }
    }
    sink.add(SecretFormats.PRIVATE_KEY, i, end, SCORE_STRUCTURE);
    return end;
  }

  // ------------------------------------------------------------------ other anchors

  private int hash(String t, int i, Sink sink) {
    if (i > 0 && (AsciiCase.isAsciiAlnum(t.charAt(i - 1)) || t.charAt(i - 1) == '$')) {
      return -1;
    }
    if (i + 3 >= t.length() || !mayStartHash(t, i + 1)) {
      return -1;
    }
    int e = lookingAt(HASH, t, i, 8500);
    if (e < 0 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.PASSWORD_HASH, i, e, SCORE_FORMAT);
    return e;
  }

  /**
   * Whether the characters after a '$' can start one of the {@link #HASH} schemes: a cheap
   * necessary condition, so that amounts such as "$3,456.00" never reach the regular expression.
   */
  private static boolean mayStartHash(String t, int p) {
    char a = t.charAt(p);
    char b = t.charAt(p + 1);
    return switch (a) {
      case '1', '5', '6', '8', '9', 'y' -> b == '$';
      case '2' -> b == 'a' || b == 'b' || b == 'x' || b == 'y';
      case 'a' -> b == 'r';
      case 'p' -> b == 'b';
      case 'k' -> b == 'r';
      default -> false;
    };
  }

  /** Azure AD client secrets: three characters, a digit, "Q~", then 31 to 34 characters. */
  private int azureClientSecret(String t, int tilde, Sink sink) {
    if (tilde < 5 || t.charAt(tilde - 1) != 'Q' || !AsciiCase.isAsciiDigit(t.charAt(tilde - 2))) {
      return -1;
    }
    int s = tilde - 5;
    for (int p = s; p < tilde - 2; p++) {
      if (!isSecretChar(t.charAt(p))) {
        return -1;
      }
    }
    if (s > 0 && isSecretChar(t.charAt(s - 1))) {
      return -1;
    }
    int e = tilde + 1;
    while (e < t.length() && isSecretChar(t.charAt(e)) && e - tilde <= 35) {
      e++;
    }
    int len = e - tilde - 1;
    if (len < 31 || len > 34 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.AZURE_CLIENT_SECRET, s, e, SCORE_FORMAT);
    return e;
  }

  // ------------------------------------------------------------------ trigger words

  /**
   * "password" as a word, not followed by a binder (those are handled at the binder): "the
   * password is 'x'", "password for user 'u' is 'x'", Gradle's {@code password 'x'}, and netrc's
   * {@code login u password x}.
   */
  private int passwordPhrase(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    while (p < n && (t.charAt(p) == ' ' || t.charAt(p) == '\t') && p - wordEnd < 16) {
      p++;
    }
    if (p >= n || p == wordEnd) {
      return -1;
    }
    char c = t.charAt(p);
    if (c == '"' || c == '\'') {
      return quotedPassword(t, p, sink);
    }
    if (t.regionMatches(true, p, "is ", 0, 3) || t.regionMatches(true, p, "was ", 0, 4)) {
      return isPhrase(t, wordEnd, true, sink);
    }
    if (t.regionMatches(true, p, "for ", 0, 4)) {
      int limit = Math.min(n, p + 80);
      for (int q = p + 4; q + 4 < limit; q++) {
        if (t.charAt(q) == '\n') {
          return -1;
        }
        if (t.regionMatches(true, q, " is ", 0, 4)) {
          int v = q + 4;
          return v < n && (t.charAt(v) == '"' || t.charAt(v) == '\'') ? quotedPassword(t, v, sink) : -1;
        }
      }
      return -1;
    }
    if (AsciiCase.isAsciiAlnum(c) || c == '_' || c == '!' || c == '@' || c == '#') {
      // netrc: "machine host login user password secret". The value's shape is cheaper to check
      // than the look back for "login", and rules out "the password reset" at once.
      int e = p;
      while (e < n && t.charAt(e) > ' ' && !SecretAssignments.isQuote(t.charAt(e)) && e - p < MAX_VALUE) {
        e++;
      }
      e = SecretAssignments.trimSentenceEnd(t, p, e);
      if (e - p < 4 || SecretAssignments.isShortWord(t, p, e) || !netrcBefore(t, i)
          || SecretValues.isReference(t, p, e) || SecretValues.isPlaceholder(t, p, e, "password")) {
        return -1;
      }
      sink.add(SecretFormats.GENERIC, p, e, SCORE_ASSIGNED_UNQUOTED);
      return e;
    }
    return -1;
  }

  /**
   * "&lt;word&gt; is &lt;value&gt;" in prose ("the password is 'hunter2'", "my API token is
   * 3f9a..."): a quoted value, or an unquoted one that reads as a password (for passwords and
   * secrets) or looks random (for tokens and keys).
   */
  private int isPhrase(String t, int wordEnd, boolean password, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    while (p < n && t.charAt(p) == ' ' && p - wordEnd < 4) {
      p++;
    }
    if (t.regionMatches(true, p, "is ", 0, 3)) {
      p += 3;
    } else if (t.regionMatches(true, p, "was ", 0, 4)) {
      p += 4;
    } else {
      return -1;
    }
    while (p < n && t.charAt(p) == ' ' && p - wordEnd < 12) {
      p++;
    }
    if (p >= n) {
      return -1;
    }
    if (t.charAt(p) == '"' || t.charAt(p) == '\'') {
      return password ? quotedPassword(t, p, sink) : -1;
    }
    int e = p;
    while (e < n && t.charAt(e) > ' ' && e - p < MAX_VALUE) {
      e++;
    }
    int known = sink.prefixed(t, p);
    if (known > 0) {
      return known;
    }
    e = SecretAssignments.trimSentenceEnd(t, p, e);
    boolean accepted = password
        ? SecretAssignments.looksLikeProsePassword(t, p, e)
        : SecretValues.looksRandom(t, p, e);
    if (!accepted || SecretValues.isReference(t, p, e) || SecretValues.isPlaceholder(t, p, e, null)) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, p, e, SCORE_ASSIGNED_UNQUOTED);
    return e;
  }

  private int quotedPassword(String t, int q, Sink sink) {
    int[] span = SecretAssignments.value(t, q);
    if (span == null || span[2] != 1) {
      return -1;
    }
    int s = span[0];
    int e = span[1];
    if (e - s < 4 || SecretValues.isReference(t, s, e) || SecretValues.isPlaceholder(t, s, e, "password")
        || countSpaces(t, s, e) > 1) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, s, e, SCORE_ASSIGNED);
    return e + 1;
  }

  /** Whether "machine ... login ..." (or "default ... login ...") comes shortly before i. */
  private static boolean netrcBefore(String t, int i) {
    int from = Math.max(0, i - 200);
    int lines = 0;
    boolean login = false;
    for (int p = i - 1; p >= from; p--) {
      char c = t.charAt(p);
      if (c == '\n' && ++lines > 2) {
        return false;
      }
      if ((c == 'l' || c == 'm' || c == 'd') && (p == 0 || !AsciiCase.isAsciiAlnum(t.charAt(p - 1)))) {
        if (t.startsWith("login ", p)) {
          login = true;
        } else if (login && (t.startsWith("machine ", p) || t.startsWith("default ", p))) {
          return true;
        }
      }
    }
    return false;
  }

  /** "Bearer &lt;token&gt;" in an Authorization header or with a clearly random token. */
  private int bearer(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    if (wordEnd >= n || t.charAt(wordEnd) != ' ') {
      return -1;
    }
    int s = wordEnd + 1;
    int e = s;
    while (e < n && isBearerChar(t.charAt(e)) && e - s < 4096) {
      e++;
    }
    while (e < n && t.charAt(e) == '=' && e - s < 4100) {
      e++;
    }
    if (e - s < 8 || !boundaryAfter(t, e)) {
      return -1;
    }
    int known = sink.prefixed(t, s);
    if (known > 0) {
      return known;
    }
    if (SecretValues.isReference(t, s, e) || SecretValues.isPlaceholder(t, s, e, "token")) {
      return -1;
    }
    boolean header = wordBefore(t, i, "authorization", 40) || wordBefore(t, i, "auth", 24);
    boolean random = SecretValues.looksRandom(t, s, e);
    if (!(header && hasDigitOrSymbol(t, s, e)) && !(random && e - s >= 20)) {
      return -1;
    }
    sink.add(SecretFormats.HTTP_AUTH, s, e, SCORE_FORMAT);
    return e;
  }

  /** "Basic &lt;base64 of user:password&gt;". */
  private int basic(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    if (wordEnd >= n || t.charAt(wordEnd) != ' ') {
      return -1;
    }
    int s = wordEnd + 1;
    int e = s;
    while (e < n && (AsciiCase.isAsciiAlnum(t.charAt(e)) || t.charAt(e) == '+' || t.charAt(e) == '/')
        && e - s < 512) {
      e++;
    }
    while (e < n && t.charAt(e) == '=' && e - s < 516) {
      e++;
    }
    if (e - s < 8 || !boundaryAfter(t, e)) {
      return -1;
    }
    String decoded = decodeBase64(t, s, e);
    if (decoded == null) {
      return -1;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return -1;
    }
    sink.add(SecretFormats.HTTP_AUTH, s, e, SCORE_STRUCTURE);
    return e;
  }

  /** HashiCorp Vault unseal keys: "Unseal Key 1: ..." or "vault operator unseal ...". */
  private int unseal(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    int limit = Math.min(n, wordEnd + 24);
    while (p < limit && (AsciiCase.isAsciiAlnum(t.charAt(p)) || t.charAt(p) == ' '
        || t.charAt(p) == ':') && !isUnsealKeyAt(t, p)) {
      p++;
    }
    if (!isUnsealKeyAt(t, p)) {
      return -1;
    }
    int e = p;
    while (e < n && isBase64Char(t.charAt(e)) && e - p < 64) {
      e++;
    }
    sink.add(SecretFormats.VAULT_UNSEAL, p, e, SCORE_FORMAT);
    return e;
  }

  private static boolean isUnsealKeyAt(String t, int p) {
    if (p <= 0 || t.charAt(p - 1) != ' ') {
      return false;
    }
    int e = p;
    while (e < t.length() && isBase64Char(t.charAt(e)) && e - p < 64) {
      e++;
    }
    return e - p >= 40 && e - p <= 60 && boundaryAfter(t, e) && SecretValues.looksRandom(t, p, e);
  }

  /** {@code NetworkCredential("user", "password")} and {@code DirectoryEntry(path, user, pw)}. */
  private int credentialCall(String t, int wordEnd, int arguments, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    while (p < n && Character.isWhitespace(t.charAt(p)) && p - wordEnd < 8) {
      p++;
    }
    if (p >= n || t.charAt(p) != '(') {
      return -1;
    }
    p++;
    int[] span = null;
    for (int a = 0; a < arguments; a++) {
      while (p < n && Character.isWhitespace(t.charAt(p)) && p - wordEnd < 400) {
        p++;
      }
      if (p >= n || t.charAt(p) != '"') {
        return -1;
      }
      span = SecretAssignments.value(t, p);
      if (span == null || span[2] != 1) {
        return -1;
      }
      p = span[1] + 1;
      while (p < n && Character.isWhitespace(t.charAt(p)) && p - wordEnd < 400) {
        p++;
      }
      if (a < arguments - 1) {
        if (p >= n || t.charAt(p) != ',') {
          return -1;
        }
        p++;
      }
    }
    int s = span[0];
    int e = span[1];
    if (e - s < 4 || SecretValues.isReference(t, s, e) || SecretValues.isPlaceholder(t, s, e, "password")) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, s, e, SCORE_ASSIGNED);
    return e;
  }

  private int putty(String t, int i, Sink sink) {
    int limit = Math.min(t.length(), i + 8192);
    int lines = indexOf(t, "Private-Lines:", i, limit);
    if (lines < 0) {
      return -1;
    }
    int mac = indexOf(t, "Private-MAC:", lines, limit);
    int end = mac < 0 ? lineEnd(t, lines) : lineEnd(t, mac);
    sink.add(SecretFormats.PRIVATE_KEY, i, end, SCORE_STRUCTURE);
    return end;
  }

  /** A base64-encoded PEM private key (the encoding of "-----BEGIN ... PRIVATE KEY-----"). */
  private int base64Pem(String t, int i, Sink sink) {
    int e = i;
    while (e < t.length() && isBase64Char(t.charAt(e)) && e - i < PEM_WINDOW) {
      e++;
    }
    String head = decodeBase64(t, i, Math.min(e, i + 64));
    if (head == null || !head.contains("PRIVATE KEY")) {
      return -1;
    }
    sink.add(SecretFormats.PRIVATE_KEY, i, e, SCORE_STRUCTURE);
    return e;
  }

  private int jwt(String t, int i, Sink sink) {
    int e = lookingAt(JWT_BODY, t, i + 3, 12_010);
    if (e < 0 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.JWT, i, e, SCORE_FORMAT);
    return e;
  }

  /** A host name that ends in a provider's domain: "shop.myshopify.com", "b.storage.googleapis.com". */
  private int hostSuffix(String t, int i, String suffix, String type, Sink sink) {
    if (i == 0 || t.charAt(i - 1) != '.' || !t.regionMatches(true, i, suffix, 0, suffix.length())) {
      return -1;
    }
    int e = i + suffix.length();
    int s = hostStart(t, i - 1);
    if (s >= i - 1 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(type, s, e, SCORE_IDENTIFIER);
    return e;
  }

  /** An S3 bucket host: "bucket.s3.amazonaws.com", "bucket.s3-us-east-2.amazonaws.com". */
  private int s3Host(String t, int i, Sink sink) {
    if (i == 0 || t.charAt(i - 1) != '.') {
      return -1;
    }
    int limit = Math.min(t.length(), i + 40);
    int aws = indexOf(t, ".amazonaws.com", i, limit);
    if (aws < 0) {
      return -1;
    }
    for (int p = i + 2; p < aws; p++) {
      char c = t.charAt(p);
      if (!(AsciiCase.isAsciiAlnum(c) || c == '-' || c == '.')) {
        return -1;
      }
    }
    int s = hostStart(t, i - 1);
    if (s >= i - 1) {
      return -1;
    }
    int e = aws + ".amazonaws.com".length();
    sink.add(SecretFormats.CLOUD_BUCKET, s, e, SCORE_IDENTIFIER);
    return e;
  }

  /** Google OAuth client IDs: "&lt;project number&gt;-&lt;32 chars&gt;.apps.googleusercontent.com". */
  private int googleClientId(String t, int i, Sink sink) {
    if (i < 44 || t.charAt(i - 1) != '.') {
      return -1;
    }
    int p = i - 1;
    int q = p;
    while (q > 0 && isLowerAlnum(t, q - 1, q) && p - q < 33) {
      q--;
    }
    if (p - q != 32 || q == 0 || t.charAt(q - 1) != '-') {
      return -1;
    }
    int d = q - 1;
    while (d > 0 && AsciiCase.isAsciiDigit(t.charAt(d - 1)) && q - 1 - d < 14) {
      d--;
    }
    if (q - 1 - d < 6 || !boundaryBefore(t, d)) {
      return -1;
    }
    int e = i + "apps.googleusercontent.com".length();
    sink.add(SecretFormats.GOOGLE_CLIENT_ID, d, e, SCORE_IDENTIFIER);
    return e;
  }

  /** Terraform Cloud tokens: "&lt;14&gt;.atlasv1.&lt;60-70&gt;". */
  private int terraform(String t, int i, Sink sink) {
    if (i < 15 || t.charAt(i - 1) != '.') {
      return -1;
    }
    int s = i - 15;
    if (!isAlnum(t, s, i - 1) || !boundaryBefore(t, s)) {
      return -1;
    }
    int b = i + "atlasv1.".length();
    int e = b;
    while (e < t.length() && (isUrlSafe(t.charAt(e)) || t.charAt(e) == '=') && e - b <= 70) {
      e++;
    }
    if (e - b < 60 || e - b > 70 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.TERRAFORM, s, e, SCORE_FORMAT);
    return e;
  }

  /** ThingsBoard device access tokens in the HTTP API path: ".../api/v1/&lt;token&gt;/telemetry". */
  private int thingsboard(String t, int i, Sink sink) {
    if (i < 30 || t.charAt(i - 1) != '/') {
      return -1;
    }
    int e = i - 1;
    int s = e;
    while (s > 0 && AsciiCase.isAsciiAlnum(t.charAt(s - 1)) && e - s < 32) {
      s--;
    }
    if (e - s < 20 || !t.startsWith("/api/v1/", s - 8) || !SecretValues.looksRandom(t, s, e)) {
      return -1;
    }
    sink.add(SecretFormats.THINGSBOARD, s, e, SCORE_FORMAT);
    return i + "telemetry".length();
  }

  // ------------------------------------------------------------------ helpers

  private static boolean quoteBefore(String t, int i) {
    int p = i - 1;
    while (p >= 0 && t.charAt(p) == ' ' && i - p < 16) {
      p--;
    }
    return p >= 0 && (t.charAt(p) == '"' || t.charAt(p) == '\'' || t.charAt(p) == '`');
  }

  private static int hash3(int key, char third) {
    return (key * 131 + third) & (THREE_BITS - 1);
  }

  /** Whether a value starts with a word that only triggers phrases ("password is ..."). */
  private static boolean isPhraseTriggerAt(String t, int s) {
    char c = (char) (t.charAt(s) | 0x20);
    return c == 'p' || c == 'b' || c == 't' || c == 'k' || c == 'u' || c == 'n' || c == 'd';
  }

  private static int lookingAt(Pattern pattern, String t, int from, int window) {
    if (from >= t.length()) {
      return -1;
    }
    Matcher m = pattern.matcher(t);
    m.region(from, Math.min(t.length(), from + window));
    return m.lookingAt() ? m.end() : -1;
  }

  private static int hostStart(String t, int dot) {
    int s = dot;
    while (s > 0 && dot - s < 255) {
      char c = t.charAt(s - 1);
      if (AsciiCase.isAsciiAlnum(c) || c == '-' || c == '.' || c == '_') {
        s--;
      } else {
        break;
      }
    }
    while (s < dot && !AsciiCase.isAsciiAlnum(t.charAt(s))) {
      s++;
    }
    return s;
  }

  /**
   * Decodes {@code t[s, e)} (cut to a multiple of four characters) as standard base64, the way
   * {@link java.util.Base64.Decoder} does, without exceptions: null when it is not valid base64 or
   * decodes to control characters.
   */
  static @Nullable String decodeBase64(String t, int s, int e) {
    int len = (e - s) / 4 * 4;
    if (len < 4) {
      return null;
    }
    int end = s + len;
    // Padding: at most two '=' and only at the very end.
    int pad = 0;
    if (t.charAt(end - 1) == '=') {
      pad = t.charAt(end - 2) == '=' ? 2 : 1;
    }
    byte[] bytes = new byte[len / 4 * 3 - pad];
    int out = 0;
    for (int p = s; p < end; p += 4) {
      boolean last = p + 4 == end;
      int chars = last ? 4 - pad : 4;
      int bits = 0;
      for (int k = 0; k < chars; k++) {
        int v = base64Value(t.charAt(p + k));
        if (v < 0) {
          return null;
        }
        bits |= v << (18 - 6 * k);
      }
      bytes[out++] = (byte) (bits >> 16);
      if (chars > 2) {
        bytes[out++] = (byte) (bits >> 8);
      }
      if (chars > 3) {
        bytes[out++] = (byte) bits;
      }
    }
    for (byte b : bytes) {
      if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7F) {
        return null;
      }
    }
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The value of a standard base64 digit, or -1 (also for '='). */
  private static int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  /** Where {@code what} occurs in {@code t[from, limit)}, or -1; never looks past limit. */
  static int indexOf(String t, String what, int from, int limit) {
    char first = what.charAt(0);
    for (int p = from; p + what.length() <= limit; p++) {
      if (t.charAt(p) == first && t.startsWith(what, p)) {
        return p;
      }
    }
    return -1;
  }

  private static int lineEnd(String t, int from) {
    int limit = Math.min(t.length(), from + 4096);
    for (int p = from; p < limit; p++) {
      if (t.charAt(p) == '\n') {
        return p;
      }
    }
    return limit;
  }

  static boolean boundaryBefore(String t, int i) {
    return i == 0 || !AsciiCase.isAsciiAlnum(t.charAt(i - 1));
  }

  static boolean boundaryAfter(String t, int e) {
    return e >= t.length() || !AsciiCase.isAsciiAlnum(t.charAt(e));
  }

  static boolean wordBefore(String t, int i, String word, int window) {
    return AsciiCase.occursIn(t, i - window, i, word);
  }

  private static boolean isHex(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlnum(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      if (!AsciiCase.isAsciiAlnum(t.charAt(p))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDigitOrSymbol(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      if (!AsciiCase.isAsciiLetter(t.charAt(p))) {
        return true;
      }
    }
    return false;
  }

  private static int countSpaces(String t, int s, int e) {
    int count = 0;
    for (int p = s; p < e; p++) {
      if (t.charAt(p) == ' ') {
        count++;
      }
    }
    return count;
  }

  private static boolean isSchemeChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '+' || c == '-' || c == '.';
  }

  private static boolean isUrlSafe(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '_' || c == '-';
  }

  private static boolean isSecretChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.' || c == '~';
  }

  private static boolean isBearerChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+'
        || c == '/';
  }

  private static boolean isBase64Char(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=';
  }

  private static char[] caseVariants(char c) {
    char lower = Character.toLowerCase(c);
    char upper = Character.toUpperCase(c);
    return lower == upper ? new char[] {c} : new char[] {lower, upper};
  }

  private static TokenRule[] append(TokenRule @Nullable [] array, TokenRule item) {
    if (array == null) {
      return new TokenRule[] {item};
    }
    TokenRule[] copy = java.util.Arrays.copyOf(array, array.length + 1);
    copy[array.length] = item;
    return copy;
  }

  private static Trigger[] append(Trigger @Nullable [] array, Trigger item) {
    if (array == null) {
      return new Trigger[] {item};
    }
    Trigger[] copy = java.util.Arrays.copyOf(array, array.length + 1);
    copy[array.length] = item;
    return copy;
  }

  private static boolean contains(Trigger @Nullable [] array, Trigger item) {
    if (array == null) {
      return false;
    }
    for (Trigger x : array) {
      if (x == item) {
        return true;
      }
    }
    return false;
  }

  /**
   * The types that name infrastructure rather than hold a credential.
   *
   * @return identifier types
   */
  static Set<String> identifierTypes() {
    return IDENTIFIERS;
  }
}
