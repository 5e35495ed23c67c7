package dev.guardrails4j.core.detect.secrets;

import static dev.guardrails4j.core.detect.secrets.TokenRule.checked;
import static dev.guardrails4j.core.detect.secrets.TokenRule.contextual;
import static dev.guardrails4j.core.detect.secrets.TokenRule.identifier;
import static dev.guardrails4j.core.detect.secrets.TokenRule.token;
import static dev.guardrails4j.core.detect.secrets.TokenRule.weak;

import java.util.List;

/**
 * The fixed-format credentials the {@code secrets} detector knows by their literal prefix, from
 * the providers' published token formats. Each entry is a prefix, a type, and the shape of what
 * follows; the detector indexes them by their first two characters.
 */
final class SecretFormats {

  private SecretFormats() {}

  private static final String HEX = "[0-9a-f]";
  private static final String UUID = HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{12}";
  private static final String ALNUM = "[A-Za-z0-9]";
  private static final String URLSAFE = "[A-Za-z0-9_-]";

  static final String AWS_ACCESS_KEY = "SECRET_AWS_ACCESS_KEY";
  static final String AWS_SECRET_KEY = "SECRET_AWS_SECRET_KEY";
  static final String AWS_SESSION_TOKEN = "SECRET_AWS_SESSION_TOKEN";
  static final String AWS_MWS_TOKEN = "SECRET_AWS_MWS_TOKEN";
  static final String AWS_APPSYNC_KEY = "SECRET_AWS_APPSYNC_KEY";
  static final String AWS_ARN = "SECRET_AWS_ARN";
  static final String AWS_ACCOUNT_ID = "SECRET_AWS_ACCOUNT_ID";
  static final String CLOUD_BUCKET = "SECRET_CLOUD_BUCKET";
  static final String ALIBABA_KEY = "SECRET_ALIBABA_ACCESS_KEY";
  static final String TENCENT_KEY = "SECRET_TENCENT_SECRET_ID";
  static final String GOOGLE_API_KEY = "SECRET_GOOGLE_API_KEY";
  static final String GOOGLE_OAUTH = "SECRET_GOOGLE_OAUTH_TOKEN";
  static final String GOOGLE_CLIENT_ID = "SECRET_GOOGLE_CLIENT_ID";
  static final String FIREBASE_KEY = "SECRET_FIREBASE_FCM_KEY";
  static final String AZURE_CLIENT_SECRET = "SECRET_AZURE_CLIENT_SECRET";
  static final String AZURE_STORAGE_KEY = "SECRET_AZURE_STORAGE_KEY";
  static final String AZURE_SHARED_KEY = "SECRET_AZURE_SHARED_ACCESS_KEY";
  static final String AZURE_SAS = "SECRET_AZURE_SAS_TOKEN";
  static final String AZURE_DEVOPS_PAT = "SECRET_AZURE_DEVOPS_PAT";
  static final String DIGITALOCEAN = "SECRET_DIGITALOCEAN_TOKEN";
  static final String HEROKU = "SECRET_HEROKU_API_KEY";
  static final String FLYIO = "SECRET_FLYIO_TOKEN";
  static final String NETLIFY = "SECRET_NETLIFY_TOKEN";
  static final String SUPABASE = "SECRET_SUPABASE_TOKEN";
  static final String RENDER = "SECRET_RENDER_API_KEY";
  static final String PLANETSCALE = "SECRET_PLANETSCALE_TOKEN";
  static final String PULUMI = "SECRET_PULUMI_TOKEN";
  static final String TERRAFORM = "SECRET_TERRAFORM_TOKEN";
  static final String DOPPLER = "SECRET_DOPPLER_TOKEN";
  static final String DATABRICKS = "SECRET_DATABRICKS_TOKEN";
  static final String VAULT = "SECRET_VAULT_TOKEN";
  static final String VAULT_UNSEAL = "SECRET_VAULT_UNSEAL_KEY";
  static final String CLOUDFLARE = "SECRET_CLOUDFLARE_ORIGIN_CA_KEY";
  static final String AKAMAI = "SECRET_AKAMAI_TOKEN";
  static final String YANDEX = "SECRET_YANDEX_KEY";
  static final String TAILSCALE = "SECRET_TAILSCALE_KEY";
  static final String ONEPASSWORD = "SECRET_1PASSWORD_TOKEN";
  static final String KUBERNETES = "SECRET_KUBERNETES_BOOTSTRAP_TOKEN";
  static final String ATLASSIAN = "SECRET_ATLASSIAN_TOKEN";
  static final String BITBUCKET = "SECRET_BITBUCKET_APP_PASSWORD";
  static final String GITHUB = "SECRET_GITHUB_TOKEN";
  static final String GITLAB = "SECRET_GITLAB_TOKEN";
  static final String SOURCEGRAPH = "SECRET_SOURCEGRAPH_TOKEN";
  static final String SLACK = "SECRET_SLACK_TOKEN";
  static final String SLACK_WEBHOOK = "SECRET_SLACK_WEBHOOK";
  static final String DISCORD = "SECRET_DISCORD_TOKEN";
  static final String DISCORD_WEBHOOK = "SECRET_DISCORD_WEBHOOK";
  static final String TEAMS_WEBHOOK = "SECRET_TEAMS_WEBHOOK";
  static final String TELEGRAM = "SECRET_TELEGRAM_BOT_TOKEN";
  static final String TWITCH = "SECRET_TWITCH_STREAM_KEY";
  static final String FACEBOOK = "SECRET_FACEBOOK_TOKEN";
  static final String INSTAGRAM = "SECRET_INSTAGRAM_TOKEN";
  static final String TWITTER = "SECRET_TWITTER_BEARER_TOKEN";
  static final String STRIPE = "SECRET_STRIPE_KEY";
  static final String SQUARE = "SECRET_SQUARE_TOKEN";
  static final String BRAINTREE = "SECRET_BRAINTREE_TOKEN";
  static final String RAZORPAY = "SECRET_RAZORPAY_KEY";
  static final String FLUTTERWAVE = "SECRET_FLUTTERWAVE_KEY";
  static final String PLAID = "SECRET_PLAID_TOKEN";
  static final String CHECKOUT = "SECRET_CHECKOUT_KEY";
  static final String GOCARDLESS = "SECRET_GOCARDLESS_TOKEN";
  static final String SHOPIFY = "SECRET_SHOPIFY_TOKEN";
  static final String SHOPIFY_DOMAIN = "SECRET_SHOPIFY_DOMAIN";
  static final String WOOCOMMERCE = "SECRET_WOOCOMMERCE_KEY";
  static final String DUFFEL = "SECRET_DUFFEL_TOKEN";
  static final String EASYPOST = "SECRET_EASYPOST_KEY";
  static final String SHIPPO = "SECRET_SHIPPO_TOKEN";
  static final String FRAMEIO = "SECRET_FRAMEIO_TOKEN";
  static final String TYPEFORM = "SECRET_TYPEFORM_TOKEN";
  static final String HUBSPOT = "SECRET_HUBSPOT_TOKEN";
  static final String LINEAR = "SECRET_LINEAR_API_KEY";
  static final String NOTION = "SECRET_NOTION_TOKEN";
  static final String AIRTABLE = "SECRET_AIRTABLE_TOKEN";
  static final String ASANA = "SECRET_ASANA_TOKEN";
  static final String FIGMA = "SECRET_FIGMA_TOKEN";
  static final String CONTENTFUL = "SECRET_CONTENTFUL_TOKEN";
  static final String SENTRY = "SECRET_SENTRY_TOKEN";
  static final String GRAFANA = "SECRET_GRAFANA_TOKEN";
  static final String NEWRELIC = "SECRET_NEWRELIC_KEY";
  static final String DYNATRACE = "SECRET_DYNATRACE_TOKEN";
  static final String HONEYCOMB = "SECRET_HONEYCOMB_KEY";
  static final String POSTMAN = "SECRET_POSTMAN_API_KEY";
  static final String LAUNCHDARKLY = "SECRET_LAUNCHDARKLY_KEY";
  static final String OCTOPUS = "SECRET_OCTOPUS_API_KEY";
  static final String CIRCLECI = "SECRET_CIRCLECI_TOKEN";
  static final String BUILDKITE = "SECRET_BUILDKITE_TOKEN";
  static final String SONAR = "SECRET_SONAR_TOKEN";
  static final String HARNESS = "SECRET_HARNESS_TOKEN";
  static final String TEAMCITY = "SECRET_TEAMCITY_TOKEN";
  static final String ARTIFACTORY = "SECRET_ARTIFACTORY_KEY";
  static final String NPM = "SECRET_NPM_TOKEN";
  static final String PYPI = "SECRET_PYPI_TOKEN";
  static final String RUBYGEMS = "SECRET_RUBYGEMS_KEY";
  static final String NUGET = "SECRET_NUGET_KEY";
  static final String CRATES = "SECRET_CRATES_IO_TOKEN";
  static final String DOCKER_HUB = "SECRET_DOCKER_HUB_TOKEN";
  static final String CLOJARS = "SECRET_CLOJARS_TOKEN";
  static final String DEPENDENCY_TRACK = "SECRET_DEPENDENCY_TRACK_KEY";
  static final String ADAFRUIT = "SECRET_ADAFRUIT_KEY";
  static final String ADOBE = "SECRET_ADOBE_CLIENT_SECRET";
  static final String AGE = "SECRET_AGE_KEY";
  static final String ANTHROPIC = "SECRET_ANTHROPIC_KEY";
  static final String OPENAI = "SECRET_OPENAI_KEY";
  static final String OPENROUTER = "SECRET_OPENROUTER_KEY";
  static final String AI_API_KEY = "SECRET_AI_API_KEY";
  static final String GROQ = "SECRET_GROQ_KEY";
  static final String HUGGINGFACE = "SECRET_HUGGINGFACE_TOKEN";
  static final String REPLICATE = "SECRET_REPLICATE_TOKEN";
  static final String PERPLEXITY = "SECRET_PERPLEXITY_KEY";
  static final String XAI = "SECRET_XAI_KEY";
  static final String TAVILY = "SECRET_TAVILY_KEY";
  static final String JINA = "SECRET_JINA_KEY";
  static final String FIRECRAWL = "SECRET_FIRECRAWL_KEY";
  static final String PINECONE = "SECRET_PINECONE_KEY";
  static final String LANGSMITH = "SECRET_LANGSMITH_KEY";
  static final String CEREBRAS = "SECRET_CEREBRAS_KEY";
  static final String FIREWORKS = "SECRET_FIREWORKS_KEY";
  static final String ELEVENLABS = "SECRET_ELEVENLABS_KEY";
  static final String APIFY = "SECRET_APIFY_TOKEN";
  static final String MAILGUN = "SECRET_MAILGUN_KEY";
  static final String MAILCHIMP = "SECRET_MAILCHIMP_KEY";
  static final String MANDRILL = "SECRET_MANDRILL_KEY";
  static final String BREVO = "SECRET_BREVO_KEY";
  static final String MAILERSEND = "SECRET_MAILERSEND_TOKEN";
  static final String SENDGRID = "SECRET_SENDGRID_KEY";
  static final String TWILIO = "SECRET_TWILIO_API_KEY";
  static final String TWILIO_SID = "SECRET_TWILIO_ACCOUNT_SID";
  static final String OKTA = "SECRET_OKTA_TOKEN";
  static final String MAPBOX = "SECRET_MAPBOX_TOKEN";
  static final String MAPBOX_PUBLIC = "SECRET_MAPBOX_PUBLIC_TOKEN";
  static final String STACKHAWK = "SECRET_STACKHAWK_KEY";
  static final String SALESFORCE = "SECRET_SALESFORCE_TOKEN";
  static final String DROPBOX = "SECRET_DROPBOX_TOKEN";
  static final String INFRACOST = "SECRET_INFRACOST_KEY";
  static final String README = "SECRET_README_KEY";
  static final String PREFECT = "SECRET_PREFECT_KEY";
  static final String SCALINGO = "SECRET_SCALINGO_TOKEN";
  static final String DJANGO = "SECRET_DJANGO_KEY";
  static final String BLYNK = "SECRET_BLYNK_CLIENT_CREDENTIALS";
  static final String THINGSBOARD = "SECRET_THINGSBOARD_TOKEN";
  static final String TRUENAS = "SECRET_TRUENAS_API_KEY";
  static final String WIREGUARD = "SECRET_WIREGUARD_KEY";
  static final String PRIVATE_KEY = "SECRET_PRIVATE_KEY";
  static final String PASSWORD_HASH = "SECRET_PASSWORD_HASH";
  static final String JWT = "SECRET_JWT";
  static final String HTTP_AUTH = "SECRET_HTTP_AUTH";
  static final String CONNECTION_STRING = "SECRET_CONNECTION_STRING";
  static final String GENERIC = "SECRET_GENERIC";

  /** Every prefix rule, tried in this order when several share their first two characters. */
  static final List<TokenRule> RULES = List.of(
      // Cloud providers
      token("AKIA", AWS_ACCESS_KEY, "[A-Z0-9]{16}", 16),
      token("ASIA", AWS_ACCESS_KEY, "[A-Z0-9]{16}", 16),
      token("ABIA", AWS_ACCESS_KEY, "[A-Z0-9]{16}", 16),
      token("ACCA", AWS_ACCESS_KEY, "[A-Z0-9]{16}", 16),
      token("A3T", AWS_ACCESS_KEY, "[A-Z0-9]{17}", 17),
      token("amzn.mws.", AWS_MWS_TOKEN, UUID, 36),
      token("da2-", AWS_APPSYNC_KEY, "[a-z0-9]{26}", 26),
      identifier("arn:aws", AWS_ARN,
          "(?:-cn|-us-gov|-iso|-iso-b)?:[a-z0-9-]{2,32}:[a-z0-9-]{0,24}:(?:[0-9]{12}|aws)?:"
              + "[A-Za-z0-9_/+=,.@:*{}$-]{1,512}", 600),
      weak("LTAI", ALIBABA_KEY, ALNUM + "{12,20}", 20, 0.8),
      weak("AKID", TENCENT_KEY, ALNUM + "{32}", 32, 0.8),
      token("AIza", GOOGLE_API_KEY, URLSAFE + "{35}", 35),
      token("GOCSPX-", GOOGLE_OAUTH, URLSAFE + "{28}", 28),
      token("ya29.", GOOGLE_OAUTH, URLSAFE + "{20,2048}", 2048),
      token("1//0", GOOGLE_OAUTH, URLSAFE + "{40,512}", 512),
      token("AAAA", FIREBASE_KEY, URLSAFE + "{7}:APA91b" + URLSAFE + "{100,200}", 220),
      token("dop_v1_", DIGITALOCEAN, HEX + "{64}", 64),
      token("doo_v1_", DIGITALOCEAN, HEX + "{64}", 64),
      token("dor_v1_", DIGITALOCEAN, HEX + "{64}", 64),
      token("HRKU-", HEROKU, URLSAFE + "{20,100}", 100),
      token("FlyV1 fm2_", FLYIO, "[A-Za-z0-9+/=,_-]{50,1500}", 1500),
      token("fo1_", FLYIO, URLSAFE + "{43}", 43),
      token("nfp_", NETLIFY, ALNUM + "{36}", 36),
      token("sbp_", SUPABASE, HEX + "{40}", 40),
      token("sb_secret_", SUPABASE, URLSAFE + "{20,80}", 80),
      token("rnd_", RENDER, ALNUM + "{32}", 32),
      token("pscale_tkn_", PLANETSCALE, "[A-Za-z0-9_.=-]{32,64}", 64),
      token("pscale_pw_", PLANETSCALE, "[A-Za-z0-9_.=-]{32,64}", 64),
      token("pscale_oauth_", PLANETSCALE, "[A-Za-z0-9_.=-]{32,64}", 64),
      token("pul-", PULUMI, HEX + "{40}", 40),
      token("dp.ct.", DOPPLER, ALNUM + "{40,44}", 44),
      token("dp.pt.", DOPPLER, ALNUM + "{40,44}", 44),
      token("dp.st.", DOPPLER, "(?:[a-z0-9_-]{2,35}\\.)?" + ALNUM + "{40,44}", 80),
      token("dp.sa.", DOPPLER, ALNUM + "{40,44}", 44),
      token("dp.scim.", DOPPLER, ALNUM + "{40,44}", 44),
      token("dp.audit.", DOPPLER, ALNUM + "{40,44}", 44),
      token("dapi", DATABRICKS, "[0-9a-h]{32}(?:-[0-9]{1,2})?", 35),
      token("hvs.", VAULT, URLSAFE + "{24,512}", 512),
      token("hvb.", VAULT, URLSAFE + "{24,512}", 512),
      token("hvr.", VAULT, URLSAFE + "{24,512}", 512),
      token("v1.0-", CLOUDFLARE, HEX + "{24}-" + HEX + "{146}", 171),
      token("akab-", AKAMAI, "[a-z0-9]{16}-[a-z0-9]{16}", 33),
      token("AQVN", YANDEX, URLSAFE + "{35,38}", 38),
      token("y0_", YANDEX, URLSAFE + "{55}", 55),
      token("tskey-", TAILSCALE, "(?:api-|auth-|client-|scim-|webhook-)?" + ALNUM + "{8,}-" + ALNUM + "{20,}", 120),
      token("ops_eyJ", ONEPASSWORD, "[A-Za-z0-9+/=_-]{250,2000}", 2000),
      // Source control and CI
      token("ATATT3", ATLASSIAN, "[A-Za-z0-9_=-]{150,300}", 300),
      token("ATCTT3", ATLASSIAN, "[A-Za-z0-9_=-]{150,300}", 300),
      token("ATBB", BITBUCKET, "[A-Za-z0-9_=.-]{32,64}", 64),
      checked("ghp_", GITHUB, ALNUM + "{36}", 36, TokenRule.Check.CRC32_BASE62),
      checked("gho_", GITHUB, ALNUM + "{36}", 36, TokenRule.Check.CRC32_BASE62),
      checked("ghu_", GITHUB, ALNUM + "{36}", 36, TokenRule.Check.CRC32_BASE62),
      checked("ghs_", GITHUB, ALNUM + "{36}", 36, TokenRule.Check.CRC32_BASE62),
      checked("ghr_", GITHUB, ALNUM + "{36,76}", 76, TokenRule.Check.CRC32_BASE62),
      token("github_pat_", GITHUB, ALNUM + "{22}_" + ALNUM + "{59}", 82),
      token("glpat-", GITLAB, "[A-Za-z0-9_.-]{20,64}", 64),
      token("gldt-", GITLAB, URLSAFE + "{20,64}", 64),
      token("glrt-", GITLAB, "[A-Za-z0-9_.-]{20,64}", 64),
      token("glptt-", GITLAB, HEX + "{40}", 40),
      token("glcbt-", GITLAB, "[0-9a-f]{1,5}_" + URLSAFE + "{20}", 26),
      token("glsoat-", GITLAB, URLSAFE + "{20}", 20),
      token("glffct-", GITLAB, URLSAFE + "{20}", 20),
      token("gloas-", GITLAB, HEX + "{64}", 64),
      token("glimt-", GITLAB, URLSAFE + "{25}", 25),
      token("glagent-", GITLAB, URLSAFE + "{50}", 50),
      token("glft-", GITLAB, URLSAFE + "{20}", 20),
      token("GR1348941", GITLAB, URLSAFE + "{20}", 20),
      token("sgp_", SOURCEGRAPH, "(?:local_|" + HEX + "{16}_)?" + HEX + "{40}", 57),
      token("sgp_", "SECRET_SEGMENT_TOKEN", ALNUM + "{64}", 64),
      token("CCIPAT_", CIRCLECI, ALNUM + "{22}_" + HEX + "{40}", 63),
      token("CCIRT_", CIRCLECI, ALNUM + "{22}_" + HEX + "{40}", 63),
      token("bkua_", BUILDKITE, HEX + "{40}", 40),
      token("squ_", SONAR, HEX + "{40}", 40),
      token("sqp_", SONAR, HEX + "{40}", 40),
      token("sqa_", SONAR, HEX + "{40}", 40),
      token("pat.", HARNESS, URLSAFE + "{22}\\." + HEX + "{24}\\." + ALNUM + "{20}", 70),
      token("eyJ0eXAiOiAiVENWMiJ9.", TEAMCITY, URLSAFE + "{36}\\." + URLSAFE + "{48}", 90),
      token("API-", OCTOPUS, "[A-Z0-9]{26}", 26),
      // Package registries and artifact stores
      checked("npm_", NPM, ALNUM + "{36}", 36, TokenRule.Check.CRC32_BASE62),
      token("pypi-AgEIcHlwaS5vcmc", PYPI, URLSAFE + "{50,1000}", 1000),
      token("pypi-AgENdGVzdC5weXBpLm9yZw", PYPI, URLSAFE + "{50,1000}", 1000),
      token("rubygems_", RUBYGEMS, HEX + "{48}", 48),
      token("oy2", NUGET, "[a-z0-9]{43}", 43),
      token("cio", CRATES, ALNUM + "{32}", 32),
      token("dckr_pat_", DOCKER_HUB, URLSAFE + "{27}", 27),
      token("dckr_oat_", DOCKER_HUB, URLSAFE + "{32}", 32),
      token("CLOJARS_", CLOJARS, "[a-z0-9]{60}", 60),
      token("AKCp", ARTIFACTORY, ALNUM + "{69}", 69),
      token("cmVmdGtu", ARTIFACTORY, ALNUM + "{56}", 56),
      token("odt_", DEPENDENCY_TRACK, ALNUM + "{32,39}", 39),
      // Chat, social and streaming
      token("xoxb-", SLACK, "[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]{4,}){1,4}", 250),
      token("xoxp-", SLACK, "[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]{4,}){1,4}", 250),
      token("xoxa-", SLACK, "[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]{4,}){1,4}", 250),
      token("xoxr-", SLACK, "[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]{4,}){1,4}", 250),
      token("xoxs-", SLACK, "[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]{4,}){1,4}", 250),
      token("xoxo-", SLACK, "[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]{4,}){1,4}", 250),
      token("xoxe.xox", SLACK, "[bp]-[0-9]-[A-Za-z0-9]{100,250}", 256),
      token("xoxe-", SLACK, "[0-9]-[A-Za-z0-9]{100,250}", 256),
      token("xapp-", SLACK, "[0-9A-Za-z/+-]{20,250}", 250),
      token("hooks.slack.com/services/", SLACK_WEBHOOK,
          "T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/" + ALNUM + "{20,32}", 60),
      token("hooks.slack.com/workflows/", SLACK_WEBHOOK,
          "T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/[0-9]{10,20}/" + ALNUM + "{20,32}", 90),
      token("hooks.slack.com/triggers/", SLACK_WEBHOOK,
          "T[A-Z0-9]{6,12}/[0-9]{10,20}/" + ALNUM + "{20,32}", 70),
      token("discord.com/api/webhooks/", DISCORD_WEBHOOK, "[0-9]{17,20}/" + URLSAFE + "{60,68}", 90),
      token("discordapp.com/api/webhooks/", DISCORD_WEBHOOK,
          "[0-9]{17,20}/" + URLSAFE + "{60,68}", 90),
      token("outlook.office.com/webhook/", TEAMS_WEBHOOK,
          UUID + "@" + UUID + "/IncomingWebhook/" + HEX + "{32}/" + UUID, 200),
      token("webhook.office.com/webhookb2/", TEAMS_WEBHOOK,
          UUID + "@" + UUID + "/IncomingWebhook/" + HEX + "{32}/" + UUID + "(?:/" + URLSAFE + "{20,60})?", 260),
      token("live_", TWITCH, "[0-9]{6,12}_" + ALNUM + "{30}", 43),
      token("live_", GOCARDLESS, "[A-Za-z0-9_=-]{40}", 40),
      token("EAAA", SQUARE, "[A-Za-z0-9_=+-]{60}", 60),
      token("EAA", FACEBOOK, ALNUM + "{40,400}", 400),
      token("IGQV", INSTAGRAM, URLSAFE + "{100,400}", 400),
      token("AAAAAAAAAAAAAAAAAAAAA", TWITTER, "[A-Za-z0-9%]{30,150}", 150),
      // Payments and commerce
      token("sk_live_", STRIPE, ALNUM + "{20,247}", 247),
      token("sk_test_", STRIPE, ALNUM + "{20,247}", 247),
      token("rk_live_", STRIPE, ALNUM + "{20,247}", 247),
      token("rk_test_", STRIPE, ALNUM + "{20,247}", 247),
      token("whsec_", STRIPE, "[A-Za-z0-9+/=]{32,64}", 64),
      token("sk_sbox_", CHECKOUT, "[a-z0-9]{26}", 26),
      token("sq0atp-", SQUARE, URLSAFE + "{22}", 22),
      token("sq0csp-", SQUARE, URLSAFE + "{43}", 43),
      token("access_token$production$", BRAINTREE, "[0-9a-z]{16}\\$" + HEX + "{32}", 49),
      token("access_token$sandbox$", BRAINTREE, "[0-9a-z]{16}\\$" + HEX + "{32}", 49),
      weak("rzp_live_", RAZORPAY, ALNUM + "{14}", 14, 0.7),
      weak("rzp_test_", RAZORPAY, ALNUM + "{14}", 14, 0.7),
      token("FLWSECK_TEST-", FLUTTERWAVE, "[a-h0-9]{32}-X", 34),
      token("FLWSECK-", FLUTTERWAVE, "[a-h0-9]{32}-X", 34),
      token("access-sandbox-", PLAID, UUID, 36),
      token("access-development-", PLAID, UUID, 36),
      token("access-production-", PLAID, UUID, 36),
      token("shpat_", SHOPIFY, "[a-fA-F0-9]{32}", 32),
      token("shpca_", SHOPIFY, "[a-fA-F0-9]{32}", 32),
      token("shppa_", SHOPIFY, "[a-fA-F0-9]{32}", 32),
      token("shpss_", SHOPIFY, "[a-fA-F0-9]{32}", 32),
      weak("cs_", WOOCOMMERCE, HEX + "{40}", 40, 0.8),
      token("duffel_test_", DUFFEL, "[A-Za-z0-9_=-]{43}", 43),
      token("duffel_live_", DUFFEL, "[A-Za-z0-9_=-]{43}", 43),
      token("EZAK", EASYPOST, ALNUM + "{54}", 54),
      token("EZTK", EASYPOST, ALNUM + "{54}", 54),
      token("shippo_live_", SHIPPO, HEX + "{40}", 40),
      token("shippo_test_", SHIPPO, HEX + "{40}", 40),
      // Productivity and SaaS
      token("fio-u-", FRAMEIO, "[A-Za-z0-9_=-]{64}", 64),
      token("tfp_", TYPEFORM, "[A-Za-z0-9_.=-]{59}", 59),
      token("pat-na1-", HUBSPOT, UUID, 36),
      token("pat-eu1-", HUBSPOT, UUID, 36),
      token("lin_api_", LINEAR, ALNUM + "{40}", 40),
      token("lin_oauth_", LINEAR, HEX + "{64}", 64),
      token("secret_", NOTION, ALNUM + "{43}", 43),
      token("ntn_", NOTION, ALNUM + "{46}", 46),
      token("pat", AIRTABLE, ALNUM + "{14}\\." + HEX + "{64}", 79),
      token("1/", ASANA, "[0-9]{13,20}(?:/[0-9]{13,20})?:" + HEX + "{32}", 75),
      token("2/", ASANA, "[0-9]{13,20}/[0-9]{13,20}:" + HEX + "{32}", 75),
      token("figd_", FIGMA, URLSAFE + "{40}", 40),
      token("CFPAT-", CONTENTFUL, URLSAFE + "{43}", 43),
      token("sntrys_", SENTRY, "eyJ[A-Za-z0-9+/=_-]{60,400}", 403),
      token("sntryu_", SENTRY, HEX + "{64}", 64),
      token("sl.u.", DROPBOX, URLSAFE + "{80,1200}", 1200),
      token("sl.", DROPBOX, URLSAFE + "{130,160}", 160),
      token("apify_api_", APIFY, ALNUM + "{36}", 36),
      token("oa2-client-id_", BLYNK, URLSAFE + "{32}(?::" + ALNUM + "{40})?", 73),
      // Monitoring and observability
      token("glc_", GRAFANA, "[A-Za-z0-9+/]{32,400}={0,2}", 402),
      token("glsa_", GRAFANA, ALNUM + "{32}_[A-Fa-f0-9]{8}", 41),
      token("eyJrIjoi", GRAFANA, "[A-Za-z0-9]{42,100}={0,2}", 102),
      token("NRAK-", NEWRELIC, "[A-Z0-9]{27}", 27),
      token("NRAA-", NEWRELIC, HEX + "{27}", 27),
      token("NRII-", NEWRELIC, URLSAFE + "{32}", 32),
      token("NRIQ-", NEWRELIC, URLSAFE + "{32}", 32),
      token("NRRA-", NEWRELIC, HEX + "{42}", 42),
      token("NRJS-", NEWRELIC, HEX + "{19}", 19),
      token("px-api-", NEWRELIC, UUID, 36),
      token("px-dep-", NEWRELIC, UUID, 36),
      token("dt0", DYNATRACE, "[a-z][0-9]{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}", 92),
      token("hcaik_", HONEYCOMB, "[a-z0-9]{40,70}", 70),
      token("hcxik_", HONEYCOMB, "[a-z0-9]{40,70}", 70),
      token("PMAK-", POSTMAN, HEX + "{24}-" + HEX + "{34}", 59),
      weak("api-", LAUNCHDARKLY, UUID, 36, 0.7),
      weak("sdk-", LAUNCHDARKLY, UUID, 36, 0.7),
      // AI providers
      token("sk-ant-", ANTHROPIC, "[a-z]{3,6}[0-9]{2}-" + URLSAFE + "{32,200}", 210),
      token("sk-proj-", OPENAI, URLSAFE + "{40,200}", 200),
      token("sk-svcacct-", OPENAI, URLSAFE + "{40,200}", 200),
      token("sk-admin-", OPENAI, URLSAFE + "{40,200}", 200),
      token("sk-None-", OPENAI, URLSAFE + "{40,200}", 200),
      token("sk-or-v1-", OPENROUTER, HEX + "{64}", 64),
      checked("sk-", OPENAI, ALNUM + "{20}T3BlbkFJ" + ALNUM + "{20}", 48, TokenRule.Check.OPENAI_MARKER),
      weak("sk-", AI_API_KEY, ALNUM + "{32,64}", 64, 0.75),
      weak("sk_", ELEVENLABS, HEX + "{48}", 48, 0.8),
      token("gsk_", GROQ, ALNUM + "{52}", 52),
      token("hf_", HUGGINGFACE, ALNUM + "{34}", 34),
      token("api_org_", HUGGINGFACE, ALNUM + "{34}", 34),
      token("r8_", REPLICATE, ALNUM + "{37}", 37),
      token("pplx-", PERPLEXITY, ALNUM + "{48}", 48),
      token("xai-", XAI, ALNUM + "{80}", 80),
      token("tvly-", TAVILY, "(?:dev-|prod-)?" + ALNUM + "{32}", 37),
      token("jina_", JINA, ALNUM + "{60}", 60),
      token("fc-", FIRECRAWL, HEX + "{32}", 32),
      token("pcsk_", PINECONE, "[A-Za-z0-9_]{60,80}", 80),
      token("lsv2_pt_", LANGSMITH, HEX + "{32}_" + HEX + "{10}", 43),
      token("lsv2_sk_", LANGSMITH, HEX + "{32}_" + HEX + "{10}", 43),
      token("csk-", CEREBRAS, "[a-z0-9]{48}", 48),
      weak("fw_", FIREWORKS, ALNUM + "{24}", 24, 0.8),
      // E-mail, SMS and messaging
      token("key-", MAILGUN, HEX + "{32}", 32),
      token("md-", MANDRILL, URLSAFE + "{22}", 22),
      token("xkeysib-", BREVO, HEX + "{64}-" + ALNUM + "{16}", 81),
      token("xsmtpsib-", BREVO, HEX + "{64}-" + ALNUM + "{16}", 81),
      token("mlsn.", MAILERSEND, HEX + "{64}", 64),
      token("SG.", SENDGRID, URLSAFE + "{22}\\." + URLSAFE + "{43}", 66),
      token("SK", TWILIO, HEX + "{32}", 32),
      identifier("AC", TWILIO_SID, HEX + "{32}", 32),
      // Identity, maps, misc
      token("SSWS ", OKTA, "00" + URLSAFE + "{40}", 42),
      contextual("00", OKTA, URLSAFE + "{40}", 40, "okta"),
      token("sk.eyJ", MAPBOX, URLSAFE + "{20,}\\." + URLSAFE + "{20,}", 400),
      token("tk.eyJ", MAPBOX, URLSAFE + "{20,}\\." + URLSAFE + "{20,}", 400),
      identifier("pk.eyJ", MAPBOX_PUBLIC, URLSAFE + "{20,}\\." + URLSAFE + "{20,}", 400),
      token("hawk.", STACKHAWK, URLSAFE + "{20}\\." + URLSAFE + "{20}", 41),
      token("00D", SALESFORCE, ALNUM + "{12,15}![A-Za-z0-9_.]{40,200}", 220),
      token("ico-", INFRACOST, ALNUM + "{32}", 32),
      token("rdme_", README, "[a-z0-9]{70}", 70),
      token("pnu_", PREFECT, ALNUM + "{36}", 36),
      token("tk-us-", SCALINGO, URLSAFE + "{48}", 48),
      token("django-insecure-", DJANGO, "[A-Za-z0-9!@#$%^&*()_=+-]{40,60}", 60),
      token("AGE-SECRET-KEY-1", AGE, "[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", 58),
      token("p8e-", ADOBE, URLSAFE + "{28,36}", 36),
      token("aio_", ADAFRUIT, ALNUM + "{28}", 28),
      // Infrastructure identifiers (names, not credentials)
      identifier("s3.amazonaws.com/", CLOUD_BUCKET, "[a-z0-9][a-z0-9._-]{2,62}", 63),
      identifier("s3-", CLOUD_BUCKET, "[a-z0-9-]{4,30}\\.amazonaws\\.com/[a-z0-9][a-z0-9._-]{2,62}", 100),
      identifier("storage.googleapis.com/", CLOUD_BUCKET, "[a-z0-9][a-z0-9._-]{2,62}", 63));

  /** The one type for every {@link TokenRule#identifier identifier} rule and check. */
  static final List<String> IDENTIFIER_TYPES = List.of(
      AWS_ARN, AWS_ACCOUNT_ID, CLOUD_BUCKET, SHOPIFY_DOMAIN, GOOGLE_CLIENT_ID, TWILIO_SID,
      MAPBOX_PUBLIC);
}
