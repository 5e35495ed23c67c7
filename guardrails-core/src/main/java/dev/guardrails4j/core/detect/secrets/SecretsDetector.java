package dev.guardrails4j.core.detect.secrets;

import static dev.guardrails4j.core.detect.secrets.AnchoredSecrets.azureClientSecret;
import static dev.guardrails4j.core.detect.secrets.AnchoredSecrets.dash;
import static dev.guardrails4j.core.detect.secrets.AnchoredSecrets.hash;
import static dev.guardrails4j.core.detect.secrets.AnchoredSecrets.telegram;
import static dev.guardrails4j.core.detect.secrets.AnchoredSecrets.urlCredentials;
import static dev.guardrails4j.core.detect.secrets.SecretText.boundaryAfter;
import static dev.guardrails4j.core.detect.secrets.SecretText.boundaryBefore;
import static dev.guardrails4j.core.detect.secrets.SecretText.hash3;
import static dev.guardrails4j.core.detect.secrets.SecretText.isHex;
import static dev.guardrails4j.core.detect.secrets.SecretText.isLowerAlnum;
import static dev.guardrails4j.core.detect.secrets.SecretText.isPhraseTriggerAt;
import static dev.guardrails4j.core.detect.secrets.SecretText.lookingAt;
import static dev.guardrails4j.core.detect.secrets.SecretText.quoteBefore;
import static dev.guardrails4j.core.detect.secrets.SecretText.wordBefore;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.base64Pem;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.basic;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.bearer;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.credentialCall;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.googleClientId;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.hostSuffix;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.isPhrase;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.jwt;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.netrcBefore;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.putty;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.quotedPassword;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.s3Host;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.terraform;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.thingsboard;
import static dev.guardrails4j.core.detect.secrets.TriggeredSecrets.unseal;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.FindingList;
import dev.guardrails4j.core.detect.text.FoldedText;
import dev.guardrails4j.core.detect.text.views.SharedViews;
import dev.guardrails4j.core.internal.LinearTextModel;
import dev.guardrails4j.core.internal.SecretPairFeatures;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
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
  /** A pair the rules found too plain that the learned pair model scores as a secret. */
  static final double SCORE_LEARNED = 0.6;
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

  static final int MAX_VALUE = 256;
  static final int THREE_BITS = 1 << 15;
  static final int PEM_WINDOW = 32 * 1024;

  static final Pattern JWT_BODY = Pattern.compile(
      "[A-Za-z0-9_-]{8,2000}\\.ey[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{0,2000}={0,2}");
  static final Pattern HASH = Pattern.compile(
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

  /** The shipped pair model, read when the first detector that uses it is created. */
  static final class Shipped {
    static final LinearTextModel MODEL = LinearTextModel.fromResource(SecretsDetector.class,
        "/dev/guardrails4j/secret-pair-model.bin");

    private Shipped() {}
  }

  private final @Nullable LinearTextModel pairModel;

  SecretsDetector(Set<String> types) {
    this(types, null);
  }

  SecretsDetector(Set<String> types, @Nullable LinearTextModel pairModel) {
    this.pairModel = pairModel;
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
    // the shared views (clean, decoded runs) are scanned too, so a disguised token is found with
    // its span in the original text
    return SharedViews.of(text).widen(detectPlain(text), plainScan, VIEWS, Set.of());
  }

  private static final int VIEWS = SharedViews.CLEAN | SharedViews.DECODED;
  private final Function<String, List<Finding>> plainScan = this::detectPlain;

  /** Scans one text, folded if it needs folding, without the shared views. */
  List<Finding> detectPlain(String text) {
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
  final class Sink implements SecretAssignments.Sink {
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
    public boolean learned(String t, int keyStart, int keyEnd, int vs, int ve, boolean quoted, char binder) {
      LinearTextModel model = pairModel;
      return model != null && model.score(SecretPairFeatures.describe(
          t.subSequence(keyStart, keyEnd), t.subSequence(vs, ve), quoted, binder)) >= model.threshold();
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
      while (e < n && t.charAt(e) > ' ' && !AssignmentText.isQuote(t.charAt(e)) && e - p < MAX_VALUE) {
        e++;
      }
      e = AssignmentText.trimSentenceEnd(t, p, e);
      if (e - p < 4 || AssignmentText.isShortWord(t, p, e) || !netrcBefore(t, i)
          || SecretValues.isReference(t, p, e) || SecretValues.isPlaceholder(t, p, e, "password")) {
        return -1;
      }
      sink.add(SecretFormats.GENERIC, p, e, SCORE_ASSIGNED_UNQUOTED);
      return e;
    }
    return -1;
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
