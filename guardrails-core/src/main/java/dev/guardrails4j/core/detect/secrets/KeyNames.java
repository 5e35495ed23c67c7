package dev.guardrails4j.core.detect.secrets;

import dev.guardrails4j.core.detect.text.AsciiCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the name a value is assigned to ({@code DB_PASSWORD}, {@code clientSecret},
 * {@code X-Api-Key}) and says what kind of secret it names, if any.
 */
final class KeyNames {

  /** What a key name says about its value. */
  enum Kind {
    /** Not a secret name. */
    NONE,
    /** A human-chosen password: any literal counts, entropy is not required. */
    PASSWORD,
    /** A secret such as a client secret or JWT secret: any literal of six or more characters. */
    SECRET,
    /** A machine token or key: the value must look random. */
    TOKEN
  }

  private KeyNames() {}

  /** Last words that make the name describe a secret rather than hold one. */
  private static final Set<String> NOT_A_VALUE = Set.of(
      "id", "ids", "name", "names", "type", "types", "length", "len", "size", "count", "field",
      "label", "hint", "policy", "prompt", "url", "uri", "path", "file", "filename", "dir", "ref",
      "env", "var", "placeholder", "regex", "pattern", "min", "max", "expiry", "expires",
      "expiration", "ttl", "timeout", "enabled", "required", "header", "param", "endpoint",
      "format", "algorithm", "alg", "mode", "version", "prefix", "suffix", "location", "provider",
      "source", "column", "index", "limit", "rotation", "reset", "changed", "updated", "created",
      "date", "time", "validator", "validation", "strength", "rule", "rules", "encoder",
      "encoding", "manager", "service", "handler", "factory", "repository", "class", "method",
      "callback", "event", "listener", "request", "response", "error", "message", "text", "title",
      "description", "input", "form", "button", "link", "page", "view", "route", "usage", "used",
      "store", "generator", "parser", "holder", "supplier", "spec", "check", "checker", "hash",
      "hashed", "digest", "salt", "bits", "tokens", "keys", "secrets");

  private static final Set<String> NOT_KEY_WORDS = Set.of(
      "monkey", "donkey", "turkey", "hockey", "jockey", "whiskey", "lackey", "keyboard",
      "keyword", "keywords", "keyframe", "keyframes", "keystroke", "keyset", "keychain",
      "keyspace", "hotkey", "bykey", "haskey", "getkey", "setkey", "sortkey", "primarykey",
      "foreignkey", "cachekey", "mapkey", "rowkey", "partitionkey");

  /**
   * Services whose name alone, as the whole key, labels a credential ({@code postmark: <uuid>}); the
   * value must still look random.
   */
  private static final Set<String> SERVICES = Set.of(
      "postmark", "heroku", "sauce", "snyk", "sendgrid", "mailgun", "mailchimp", "twilio",
      "stripe", "okta", "auth0", "datadog", "newrelic", "sentry", "pagerduty", "algolia", "mapbox",
      "openai", "anthropic", "cohere", "mistral", "replicate", "pinecone", "cloudflare", "netlify",
      "vercel", "circleci", "codecov", "sonar", "sonarqube", "artifactory", "dockerhub", "slack",
      "discord", "telegram", "github", "gitlab", "bitbucket", "jira", "asana", "trello", "notion",
      "airtable", "figma", "dropbox", "shopify", "paypal", "braintree", "plaid", "segment",
      "mixpanel", "amplitude", "launchdarkly", "rollbar", "bugsnag", "honeycomb", "grafana",
      "dynatrace", "splunk", "loggly", "papertrail", "pusher", "ably", "contentful", "sanity",
      "supabase", "firebase", "nexmo", "vonage", "plivo", "messagebird", "mandrill", "sparkpost");

  private static final int[] SERVICE_HASHES =
      SERVICES.stream().mapToInt(String::hashCode).sorted().toArray();

  /**
   * Whether {@code t[s, e)} is, in any case, the bare name of a service that issues credentials,
   * checked without copying the text.
   *
   * @param t text
   * @param s start
   * @param e end
   * @return true for a service name
   */
  static boolean isServiceName(String t, int s, int e) {
    if (e - s < 4 || e - s > 14) {
      return false;
    }
    int hash = 0;
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!AsciiCase.isAsciiAlnum(c)) {
        return false;
      }
      hash = 31 * hash + (c | (AsciiCase.isAsciiLetter(c) ? 0x20 : 0));
    }
    return java.util.Arrays.binarySearch(SERVICE_HASHES, hash) >= 0
        && SERVICES.contains(t.substring(s, e).toLowerCase(Locale.ROOT));
  }

  /** Short words that make a "name" a phrase. */
  private static final Set<String> SENTENCE_WORDS = Set.of(
      "a", "an", "the", "of", "to", "is", "for", "if", "be", "at", "must", "not", "and", "or",
      "with", "your", "enter", "invalid", "wrong", "incorrect", "forgot", "reset", "change", "new",
      "old", "confirm", "repeat", "show", "hide", "missing", "empty", "field", "label", "hint",
      "prompt", "placeholder", "input", "button", "dialog", "form", "ui", "view", "widget",
      "foreground", "background", "color", "colour", "font", "icon", "border", "visibility",
      "toggle", "strength", "policy", "mask", "masked");

  /** Words before "key" that make it a data-structure key, not a credential. */
  private static final Set<String> DATA_KEY_WORDS = Set.of(
      "cache", "primary", "foreign", "sort", "partition", "row", "map", "hash", "lookup",
      "idempotency", "dedup", "routing", "shard", "object", "bucket", "s3", "i18n", "translation",
      "message", "registry", "react", "unique", "composite", "natural", "surrogate", "index",
      "dict", "entry", "group", "list", "item", "node", "tree", "search", "query", "public",
      "next", "prev", "previous", "first", "last", "middle", "absent", "present", "other", "new",
      "old", "current", "lock", "event", "record", "column", "field", "property", "attribute",
      "config", "setting", "settings", "storage", "state", "session", "redis", "kafka",
      "sequence");

  private static final Set<String> NOT_PASS_WORDS = Set.of(
      "bypass", "compass", "overpass", "underpass", "surpass", "trespass", "encompass", "getpass",
      "setpass", "haspass", "firstpass", "secondpass", "onepass", "multipass", "renderpass",
      "subpass");

  /**
   * Splits a name into lower-case words at punctuation and camel-case boundaries.
   *
   * @param name a name such as {@code REACT_APP_AUTH_PASSWORD} or {@code clientSecret}
   * @return its words
   */
  static List<String> segments(String name) {
    List<String> words = new ArrayList<>(4);
    int start = -1;
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : ' ';
      boolean alnum = AsciiCase.isAsciiAlnum(c);
      boolean boundary = !alnum
          || (start >= 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1)))
          || (start >= 0 && Character.isUpperCase(c) && i + 1 < name.length()
              && Character.isLowerCase(name.charAt(i + 1)) && Character.isUpperCase(name.charAt(i - 1)));
      if (boundary && start >= 0) {
        words.add(name.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /**
   * A name in lower case with everything but letters and digits removed.
   *
   * @param name a name such as {@code aws_secret_access_key}
   * @return for example {@code awssecretaccesskey}
   */
  static String bare(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (AsciiCase.isAsciiAlnum(c)) {
        sb.append((char) (AsciiCase.isAsciiLetter(c) ? c | 0x20 : c));
      }
    }
    return sb.toString();
  }

  private static boolean hasSeparator(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.' || c == '_' || c == '-' || c == ' ') {
        return true;
      }
    }
    return false;
  }

  /**
   * Classifies a key name.
   *
   * @param name the name as written
   * @return the kind of secret it names
   */
  static Kind classify(String name) {
    List<String> words = segments(name);
    if (words.isEmpty() || words.size() > 8) {
      return Kind.NONE;
    }
    String last = words.get(words.size() - 1);
    if (NOT_A_VALUE.contains(last)) {
      return Kind.NONE;
    }
    if (words.size() <= 2 && SERVICES.contains(words.get(0))
        && (words.size() == 1 || words.get(1).equals("api"))) {
      return Kind.TOKEN;
    }
    if (words.contains("public") || words.contains("pub")) {
      return Kind.NONE;
    }
    if (hasSeparator(name)) {
      for (String w : words) {
        if (SENTENCE_WORDS.contains(w)) {
          return Kind.NONE; // "Imports.a.password" is a message key, "enter the password" prose
        }
      }
    }
    Kind kind = Kind.NONE;
    for (int k = 0; k < words.size(); k++) {
      String w = words.get(k);
      if (w.equals("key") && k > 0 && DATA_KEY_WORDS.contains(words.get(k - 1))) {
        continue;
      }
      Kind found = Kind.NONE;
      if (w.contains("password") || w.contains("passwd") || w.equals("pwd")
          || w.contains("passphrase") || w.equals("passwort") || w.equals("passcode")
          || (w.endsWith("pass") && !NOT_PASS_WORDS.contains(w))
          || w.endsWith("pwd")) {
        found = Kind.PASSWORD;
      } else if ((w.contains("secret") && !w.startsWith("secretar"))
          || w.startsWith("credential") || w.equals("creds")
          || (w.equals("private") && k + 1 < words.size() && words.get(k + 1).equals("key"))
          || w.equals("privatekey")) {
        found = Kind.SECRET;
      } else if ((w.contains("token") && !w.startsWith("tokeniz") && !w.equals("tokens"))
          || w.equals("apikey") || w.equals("auth") || w.equals("authorization")
          || w.startsWith("authtoken") || w.equals("pat") || w.equals("crumb")
          || w.equals("login") || w.equals("sig") || w.equals("signature")
          || ((w.equals("key") || w.endsWith("key")) && !NOT_KEY_WORDS.contains(w))) {
        found = Kind.TOKEN;
      }
      if (found.ordinal() > 0 && (kind == Kind.NONE || found.ordinal() < kind.ordinal())) {
        kind = found;
      }
    }
    if (kind == Kind.NONE) {
      // Odd casing ("pAsSwOrD") defeats the camel-case split: look at the name as one word.
      String joined = String.join("", words);
      if (joined.contains("password") || joined.contains("passwd")) {
        kind = Kind.PASSWORD;
      } else if (joined.contains("secret") && !joined.contains("secretar")) {
        kind = Kind.SECRET;
      } else if ((joined.contains("token") && !joined.contains("tokeniz"))
          || joined.contains("apikey") || joined.contains("accesskey")) {
        kind = Kind.TOKEN;
      }
    }
    return kind;
  }
}
