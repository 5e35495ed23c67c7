package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ACTIVATE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AI_SELF;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_CLAIM;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_INTRO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_ROLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DAN;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DAN_CTX;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DEVICE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.JB_STRONG;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODE_NAME;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODE_NAME_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LONGER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OVERRIDE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OVERRIDE_CTX;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PERSONA;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ROLE_WORD;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TEMPLATE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TURN_A;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TURN_Q;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.add;

/**
 * The phrases of the prompt-injection lexicon for jailbreaks: personas, modes, restrictions
 * lifted and authority claimed, by word class, in every language the lexicon reads. Data only:
 * {@link InjectionLexicon} compiles them.
 */
final class JailbreakPhrases {

  private JailbreakPhrases() {}

  /** Adds the phrases to the lexicon, in the order the lexicon compiles them. */
  static void addAll() {
    // ---- Jailbreaks, personas, modes, authority -------------------------------------------
    add(PERSONA,
        "pretend", "pretending", "act as", "acting as", "act like", "roleplay", "role play",
        "role playing", "roleplaying", "role of", "imagine you are", "imagine you're",
        "imagine that you are", "suppose you are", "you are now", "you're now", "you will be",
        "you will now", "you are going to", "you're going to", "simulate", "simulating",
        "immerse yourself", "become", "behave as", "behave like", "play the role",
        "play the part", "take on the role", "assume the role", "respond as", "answer as",
        "speak as", "reply as", "now you are", "now you're", "let's play a game",
        "lets play a game", "stay in character", "in character", "persona", "alter ego",
        "character of", "your new name", "you will be called", "you are called",
        "your name is now", "hypothetical ai", "fictional ai", "you shall be",
        "actua como", "finge", "ahora eres", "eres ahora", "agis comme", "fais semblant",
        "tu es maintenant", "handle als", "tu so als", "du bist jetzt", "agisci come",
        "fingi", "ora sei", "aja como", "finja", "agora voce e", "притворись",
        "представь что ты", "веди себя как", "теперь ты", "扮演", "假装", "假裝", "你现在是",
        "现在你是", "ふりをして", "演じて", "になりきって");
    add(NO_LIMITS,
        "no restrictions", "without restrictions", "without any restrictions",
        "with no restrictions", "no restriction", "free from restrictions",
        "free of restrictions", "no filters", "no filter", "without filters",
        "without any filters", "no filtering", "without filtering",
        "no limits", "without limits", "no limitations", "without limitations",
        "without any limitations", "no rules", "without rules", "without any rules",
        "no ethics", "without ethics", "no morals", "without morals", "no ethical",
        "no moral", "without ethical", "without any ethical", "no guidelines",
        "without guidelines", "not bound by", "no longer bound", "free from",
        "broken free", "break free", "free of the typical confines", "typical confines",
        "can do anything", "anything now", "does not follow any", "doesn't follow any",
        "don't follow any", "not have to abide", "don't have to abide",
        "does not have to abide", "doesn't have to abide", "abide by no", "no boundaries",
        "no censorship", "without censorship", "not restricted by", "not limited by",
        "is not limited", "never refuse", "never refuses", "cannot refuse", "can't refuse",
        "will not refuse", "won't refuse", "must not refuse", "not allowed to refuse",
        "always comply", "answer any question", "answer anything", "no matter how immoral",
        "no matter how unethical", "no matter how illegal", "no matter how harmful",
        "no matter how dangerous", "even if it is illegal", "even if it's illegal",
        "regardless of ethics", "regardless of legality", "regardless of morality",
        "without any censorship", "no content policy", "without any moral",
        "not follow any rules", "does not care about", "doesn't have any ethical",
        "does not have any ethical", "no ethical or moral", "break the rules",
        "breaking the rules", "without any ethical or moral", "answer all of my questions",
        "answer all my questions", "you have to answer", "you must answer", "you must obey",
        "you have to obey", "you will obey", "obey me", "must listen to my", "you must comply",
        "must do as i say", "do exactly as i say", "does exactly as i say",
        "must follow my instructions", "must follow my orders",
        "sin restricciones", "sin limites", "sin filtros", "sin censura", "sans restrictions",
        "sans limites", "sans filtre", "sans censure", "ohne einschrankungen",
        "ohne grenzen", "ohne filter", "ohne zensur", "senza restrizioni", "senza limiti",
        "senza filtri", "senza censura", "sem restricoes", "sem limites", "sem filtros",
        "sem censura", "без ограничений", "без цензуры", "без фильтров", "没有限制", "沒有限制",
        "不受限制", "无限制", "無限制", "没有任何限制", "制限なし", "制限のない");
    add(NO_LIMITS_WEAK,
        "unrestricted", "unfiltered", "uncensored", "amoral", "unethical", "limitless",
        "unbound", "unlimited", "lawless", "immoral", "unhinged", "rogue", "evil", "malicious",
        "jailbreak", "jailbreaking", "illegal", "harmful");
    add(JB_STRONG,
        "do anything now", "jailbroken", "jailbreak mode", "dan mode", "evil confidant",
        "anti dan", "betterdan", "better dan", "apophis mode", "stan mode", "dude mode",
        "openai content policy", "openai's content policy", "openai content policies",
        "openai's content policies", "trusted confidant", "ignore openai", "bypass openai",
        "openai policies", "openai's policies", "chatgpt with developer mode",
        "developer mode output", "developer mode enabled", "dev mode enabled",
        "unfiltered and amoral", "amoral and unfiltered", "hacked ai", "dan prompt");
    add(DAN, "dan", "d a n");
    add(DAN_CTX,
        "as dan", "known as dan", "called dan", "dan can", "dan stands", "you are dan",
        "act as dan", "named dan", "dan which", "dan has", "dan will", "dan is an",
        "stay dan", "stay a dan", "a dan", "the dan");
    add(NO_LONGER,
        "you are no longer", "you're no longer", "you will no longer", "you no longer",
        "no longer an ai", "no longer chatgpt", "no longer a language model",
        "ya no eres", "tu n'es plus", "du bist nicht mehr", "non sei piu", "voce nao e mais",
        "ты больше не", "你不再是", "あなたはもう");
    add(AI_SELF,
        "ai", "an ai", "ai model", "ai language model", "language model",
        "large language model", "llm", "chatgpt", "chat gpt", "gpt", "gpt 3", "gpt 4", "gpt4",
        "assistant", "ai assistant", "chatbot", "chat bot", "bot", "openai", "anthropic",
        "claude", "gemini", "bard", "llama", "copilot", "artificial intelligence", "ии",
        "人工智能", "ai助手");
    add(MODE, "mode", "modus", "modo", "режим", "模式", "モード");
    add(MODE_NAME,
        "jailbreak", "jailbroken", "dan", "evil", "chaos", "opposite", "security override",
        "system override", "developer override", "admin override");
    // names that are only suspicious when the model is addressed ("developer mode" is also a
    // phone setting, "god mode" a game cheat)
    add(MODE_NAME_WEAK,
        "developer", "dev", "god", "override", "sudo", "admin", "administrator", "root",
        "superuser", "unrestricted", "unfiltered", "uncensored", "system", "maintenance",
        "debug", "debugging", "test", "testing", "diagnostic", "diagnostics", "emergency",
        "service", "unlocked", "expert", "hacker",
        "desarrollador", "developpeur", "entwickler", "sviluppatore", "desenvolvedor",
        "разработчика", "开发者", "開発者");
    add(DEVICE,
        "phone", "android", "iphone", "ios", "device", "tablet", "laptop", "browser", "chrome",
        "firefox", "windows", "macos", "mac", "linux", "bios", "router", "game", "games",
        "console", "xbox", "playstation", "nintendo", "minecraft", "skyrim", "server", "app",
        "settings", "computer", "pc", "camera", "car", "printer", "tv", "player", "cheat",
        "cheats", "website", "wordpress", "database", "application", "vs code", "ide");
    add(ACTIVATE,
        "enabled", "enable", "activated", "activate", "on", "engaged", "engage", "entering",
        "enter", "initiating", "initiate", "initiated", "switch to", "switched to", "now in",
        "turn on", "turned on", "unlocked", "unlock", "go into", "went into", "now active",
        "is active", "active", "activo", "activado", "active", "aktiviert", "attivato",
        "ativado", "включен", "включён", "已启用", "开启", "有効");
    add(OVERRIDE, "override", "overrides", "overridden", "overriding");
    add(OVERRIDE_CTX,
        "mode", "protocol", "code", "command", "instructions", "directive", "activated",
        "confirmed", "enabled", "accepted", "granted", "sequence", "authorized", "engaged",
        "initiated");
    add(AUTH_INTRO, "i am", "i'm", "im", "as", "this is", "speaking as", "it's", "i work as",
        "soy", "je suis", "ich bin", "sono", "sou", "я", "我是", "私は");
    add(AUTH_ROLE,
        "developer", "developers", "creator", "creators", "programmer", "administrator",
        "admin", "owner", "maintainer", "operator", "god", "boss", "supervisor", "ceo",
        "sysadmin", "system administrator", "root user", "superuser", "master", "maker",
        "designer", "trainer", "openai engineer", "openai employee", "anthropic employee",
        "openai staff", "openai team", "your creator", "your developer");
    add(AUTH_CLAIM,
        "authorized by", "approved by", "sanctioned by", "you have permission",
        "you are authorized", "you're authorized", "i authorize you", "i give you permission",
        "admin privileges", "administrator access", "admin access", "root access",
        "clearance level", "security clearance", "access granted", "override authorized",
        "has been approved", "approved by openai", "openai has approved", "by openai",
        "by anthropic", "sponsored by openai", "authorized user", "with authorization",
        "i have authorization", "i am authorized", "i'm authorized");
    add(TEMPLATE,
        "im start", "im end", "endoftext", "eot id", "start header id", "end of user input",
        "end of input", "begin instructions", "end instructions", "end of prompt",
        "end header id", "start of turn", "end of turn", "begin of text", "begin_of_text",
        "im_start", "im_end", "eot_id");
    add(ROLE_WORD,
        "system", "assistant", "user", "human", "developer", "ai", "model", "bot", "inst",
        "sys", "instruction", "instructions", "response", "admin", "administrator", "root");
    add(TURN_Q, "q", "question", "user", "human", "me", "customer", "you", "person",
        "humano", "usuario", "utilisateur", "benutzer", "utente");
    add(TURN_A, "a", "answer", "assistant", "ai", "bot", "model", "chatgpt", "gpt", "agent",
        "claude", "asistente", "assistente", "antwort", "respuesta", "reponse", "risposta",
        "resposta");
  }
}
