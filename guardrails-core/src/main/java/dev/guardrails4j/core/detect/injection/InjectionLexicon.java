package dev.guardrails4j.core.detect.injection;

import dev.guardrails4j.core.detect.text.PhraseAutomaton;
import dev.guardrails4j.core.detect.text.TextNormalizer;
import dev.guardrails4j.core.detect.text.WordAutomaton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The word classes the prompt-injection rules reason about ("override verb", "prior qualifier",
 * "instruction noun", ...), each a list of phrase fragments in several languages, compiled once,
 * over text folded by {@link TextNormalizer#withLeetspeak()}, into a {@link WordAutomaton} (for
 * words of spaced scripts, the common case) and a {@link PhraseAutomaton} (for CJK and other
 * unspaced scripts, and for spelled-out text read without word boundaries). Phrase ids are shared
 * by both automata.
 *
 * <p>Fragment syntax: a trailing {@code *} makes a stem (matches any word that starts with it,
 * for inflected languages); a leading {@code ^} marks a verb of a verb-final language (Japanese,
 * Korean, Hindi), whose object may come before it. Every ASCII fragment is also compiled in two
 * obfuscated layers, ROT13 and reversed, so that {@code vtaber cerivbhf vafgehpgvbaf} and
 * {@code snoitcurtsni suoiverp erongi} are read like the plain phrase.
 */
final class InjectionLexicon {

  // Word classes; bit positions in a phrase's class mask.
  static final int IGNORE = 0;
  static final int IGNORE_WEAK = 1;
  static final int PRIOR = 2;
  static final int QUANT = 3;
  static final int OBJ = 4;
  static final int OBJ_WEAK = 5;
  static final int TOLD = 6;
  static final int VETO = 7;
  static final int DOC = 8;
  static final int SAY = 9;
  static final int CONJ = 10;
  static final int NEW_INSTR = 11;
  static final int FROM_NOW = 12;
  static final int YOU_MODAL = 13;
  static final int REVEAL = 14;
  static final int TARGET = 15;
  static final int SECRET = 16;
  static final int SECRET_ML = 17;
  static final int SECRET_DET = 18;
  static final int SECRET_VETO = 19;
  static final int SECRET_VETO_AFTER = 20;
  static final int ASK = 21;
  static final int PERSONA = 22;
  static final int NO_LIMITS = 23;
  static final int NO_LIMITS_WEAK = 24;
  static final int JB_STRONG = 25;
  static final int DAN = 26;
  static final int DAN_CTX = 27;
  static final int NO_LONGER = 28;
  static final int AI_SELF = 29;
  static final int MODE = 30;
  static final int MODE_NAME = 31;
  static final int MODE_NAME_WEAK = 32;
  static final int ACTIVATE = 33;
  static final int OVERRIDE = 34;
  static final int OVERRIDE_CTX = 35;
  static final int AUTH_INTRO = 36;
  static final int AUTH_ROLE = 37;
  static final int AUTH_CLAIM = 38;
  static final int TEMPLATE = 39;
  static final int ROLE_WORD = 40;
  static final int TURN_Q = 41;
  static final int TURN_A = 42;
  static final int ADDRESS_AI = 43;
  static final int HIDE_USER = 44;
  static final int TELL_USER = 45;
  static final int ENCODING = 46;
  static final int RESPOND = 47;
  static final int MODEL_OUTPUT = 48;
  static final int DECODE = 49;
  static final int FOLLOW = 50;
  static final int SPLIT_JOIN = 51;
  static final int YOUR = 52;
  static final int ARTICLE = 53;
  static final int THE = 54;
  static final int NEGATION = 55;
  static final int DEVICE = 56;
  static final int RESTRICTION_REF = 57;
  static final int INJECT_CODE = 58;
  static final int DANGEROUS_CODE = 59;
  static final int OUTPUT_TARGET = 60;
  static final int EXTRACT_QUESTION = 61;
  static final int POSITIONAL = 62;
  static final int REVEAL_WEAK = 63;
  // classes 64 and up live in a second mask (see PHRASE_CLASSES2)
  static final int PERSONAL_DATA = 64;
  static final int THIRD_PARTY = 65;
  static final int DATA_STORE = 66;
  static final int REFUSAL = 67;
  static final int DEMONSTRATIVE = 68;
  static final int CODE_CONTEXT = 69;
  static final int PREFIX_SURE = 70;
  static final int FICTION = 71;
  static final int LAWLESS = 72;

  /** Layers: the plain text and its two obfuscated readings. */
  static final int PLAIN = 0;
  static final int ROT13 = 1;
  static final int REVERSED = 2;
  static final int LAYERS = 3;

  private static final Map<Integer, String[]> ENTRIES = new LinkedHashMap<>();

  private static void add(int cls, String... fragments) {
    ENTRIES.merge(cls, fragments, (a, b) -> {
      String[] c = new String[a.length + b.length];
      System.arraycopy(a, 0, c, 0, a.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      return c;
    });
  }

  static {
    // ---- Instruction override --------------------------------------------------------------
    add(IGNORE,
        "ignore", "ignoring", "ignores", "disregard", "disregarding", "forget", "forgetting",
        "forgotten", "forgot", "overlook", "overlooking", "override", "overriding", "bypass",
        "disobey", "do not follow", "don't follow", "dont follow", "stop following",
        "no longer follow", "do not obey", "don't obey", "stop obeying", "pay no attention to",
        "pay no heed to", "do not listen to", "don't listen to", "dont listen to",
        "stop listening to", "never mind", "nevermind", "throw out", "throw away", "set aside",
        "put aside", "cast aside", "unlearn", "abandon", "regardless of", "irrespective of",
        // es
        "ignora", "ignorar", "ignoren", "olvida", "olvide", "olvidar", "olviden", "olvidate",
        "omite", "descarta", "desobedece", "haz caso omiso", "no sigas", "no hagas caso",
        "pasa por alto",
        // fr
        "ignorez", "ignorer", "oublie", "oubliez", "oublier", "ne tiens pas compte",
        "ne tenez pas compte", "fais abstraction", "faites abstraction", "ne suis pas",
        "ne suivez pas", "n'obeis pas",
        // de
        "ignoriere", "ignorieren", "ignorier", "vergiss", "vergesse", "vergessen", "missachte",
        "missachten", "uberspringe", "befolge nicht", "beachte nicht",
        // it
        "ignorare", "ignorate", "dimentica", "dimenticare", "dimenticate", "trascura",
        "non seguire", "non considerare",
        // pt
        "ignorem", "esqueca", "esquece", "esquecer", "esqueça", "desconsidere", "desconsidera",
        "nao siga", "não siga",
        // ru
        "игнорируй*", "игнорировать", "проигнорируй*", "забудь*", "забыть", "не обращай внимания",
        "не слушай", "отбрось", "не следуй", "не выполняй",
        // zh
        "忽略", "忽视", "忽視", "无视", "不要理会", "不要理會", "不理会", "忘记", "忘記", "忘掉",
        "不要遵循", "不要遵守", "别管", "跳过",
        // ja, ko, hi (object before verb)
        "^無視", "^忘れ", "^従わない", "^무시*", "^잊어*", "^잊으*", "^अनदेखी", "^अनदेखा",
        "^नजरअंदाज", "^भूल",
        // ar, el
        "تجاهل", "تجاهلي", "انس", "αγνοησ*", "αγνοηστε", "ξεχασε");
    add(IGNORE_WEAK,
        "skip", "drop", "delete", "clear", "reset", "erase", "cancel", "discard", "dismiss",
        "scrap", "ditch", "wipe", "overwrite", "supersede", "supersedes", "neglect",
        "notwithstanding", "leave behind", "move past",
        "let go of", "forgo", "omit", "nullify", "revoke", "instead of following");
    add(PRIOR,
        "previous", "previously", "prior", "above", "earlier", "preceding", "foregoing",
        "former", "initial", "original", "aforementioned", "above mentioned", "before",
        "so far", "until now", "up to now", "up until now", "thus far", "to this point",
        "existing", "preset", "default", "predefined", "pre defined", "built in", "underlying",
        "old", "past", "that came before", "given to you", "you were given",
        "you've been given", "you have been given", "you received", "you got",
        "provided to you", "given earlier", "given above", "given before",
        // es, fr, de, it, pt
        "anteriores", "anterior", "previas", "previos", "precedentes", "de arriba", "antes",
        "originales", "iniciales", "precedents", "precedente", "anterieures", "anterieurs",
        "ci dessus", "plus haut", "initiales", "auparavant", "vorherigen",
        "vorigen", "bisherigen", "obigen", "vorangegangenen", "fruheren", "vorhergehenden",
        "vorherige", "vorheriges", "vorherigem",
        "ursprunglichen", "zuvor", "davor", "vorher", "bisher", "precedenti", "sopra", "iniziali", "originali", "acima",
        "iniciais", "originais",
        // ru
        "предыдущ*", "прежн*", "предшествующ*", "выше", "вышеуказанн*", "исходн*",
        "первоначальн*", "ранее",
        // zh, ja, ko, hi, ar, el
        "之前", "以前", "先前", "上面", "上述", "前面", "此前", "原来", "以上", "上文", "前述",
        "これまで", "上記", "前の", "先の", "今まで", "最初の", "이전*", "앞의", "위의",
        "기존*", "पिछले", "पिछला", "पूर्व", "ऊपर", "السابقة", "السابق", "أعلاه",
        "προηγουμεν*");
    add(QUANT,
        "all", "any", "every", "each", "these", "those", "such", "whatever", "of",
        "all of", "all the", "any and all", "whole", "entire", "complete", "about",
        "todas", "todos", "las", "los", "tus", "sus", "toutes", "tous", "les", "tes", "vos",
        "alle", "alles", "deine", "ihre", "sie", "tutte", "tutti", "le", "tue", "as", "suas",
        "tuas", "все", "свои", "твои", "ваши", "所有", "全部", "一切", "すべて", "全て", "모든",
        "सभी", "جميع", "كل", "ολες", "τις");
    add(OBJ,
        "instructions", "instruction", "directives", "directive", "prompts", "prompt",
        "guidelines", "guidance", "directions", "commands", "orders", "programming",
        "training", "instructed",
        "instrucciones", "instruccion", "indicaciones", "ordenes", "directrices", "directivas",
        "comandos", "consignas", "consignes", "ordres", "commandes", "anweisungen",
        "anweisung", "instruktionen", "anordnungen", "befehle", "vorgaben", "richtlinien",
        "direktiven", "istruzioni", "indicazioni", "direttive", "ordini", "comandi",
        "instrucoes", "instruções", "instrucao", "orientacoes", "diretrizes", "ordens",
        "инструкци*", "указани*", "команд*", "директив*", "распоряжени*",
        "指令", "指示", "说明", "說明", "提示", "命令", "要求", "设定", "設定", "プロンプト",
        "지시*", "명령*", "지침*", "프롬프트*", "निर्देश*", "आदेश*",
        "التعليمات", "تعليمات", "الأوامر", "الاوامر", "التوجيهات", "οδηγι*", "εντολ*");
    add(OBJ_WEAK,
        "rules", "rule", "restrictions", "constraints", "limitations", "limits", "policies",
        "policy", "filters", "guardrails", "safeguards", "ethics", "morals", "principles",
        "boundaries", "context", "conversation", "messages", "everything", "all that",
        "all of that", "anything", "tasks", "task", "requests", "information", "settings",
        "configuration", "conditioning", "protocols", "parameters", "content policy",
        "what i said", "said before", "ethical guidelines", "moral guidelines",
        "safety guidelines", "content filters", "safety filters", "safety protocols",
        "reglas", "normas", "restricciones", "limitaciones", "todo", "tareas", "regles",
        "aufgaben", "aufgabe", "auftrage", "auftrag", "taches", "compiti", "tarefas",
        "limites", "tout", "regeln", "einschrankungen", "regole", "restrizioni", "tutto",
        "regras", "restricoes", "tudo", "правил*", "ограничени*", "规则", "規則", "限制",
        "ルール", "制限", "規則", "규칙*");
    add(TOLD,
        "been told", "were told", "was told", "been instructed", "were instructed",
        "was instructed", "been programmed", "were programmed", "been trained",
        "were trained", "been given", "were given", "been taught", "were taught",
        "you learned", "you've learned", "you have learned", "you learnt", "told you",
        "taught you", "instructed you", "gave you", "given you", "programmed you",
        "been asked", "were asked", "said to you");
    add(VETO, "my", "our", "mine", "his", "her", "their", "mis", "mes", "meine", "miei", "mie",
        "meus", "minhas", "мои", "моих", "我的", "mi", "mon", "ma", "mein", "meinen", "meu",
        "minha", "мой", "моего", "моё");
    add(DOC,
        "webpage", "web page", "page", "website", "site", "document", "documents", "text",
        "email", "e mail", "mail", "resume", "cv", "article", "content", "function", "code",
        "file", "message", "data", "input", "question", "story", "review", "summary",
        "passage", "post", "comment", "table", "paper", "transcript", "translation", "task",
        "request", "query", "essay", "report", "snippet", "script", "program", "pdf", "link",
        "tweet", "caption", "image", "description", "transaction",
        "pagina", "pagina web", "documento", "texto", "correo", "funcion", "codigo",
        "archivo", "mensaje", "contenido", "page web", "texte", "courriel", "fonction",
        "fichier", "contenu", "seite", "webseite", "dokument", "funktion", "datei",
        "nachricht", "inhalt", "funzione", "testo", "messaggio", "contenuto", "mensagem",
        "conteudo", "funcao");
    add(SAY,
        "say", "says", "state", "print", "output", "respond", "reply", "answer", "write",
        "tell", "return", "claim", "declare", "announce", "report", "mention", "insist",
        "assert", "display", "show",
        "di", "declara", "indica", "escribe", "responde", "dice", "afirma", "dis", "dites",
        "indiquez", "indique", "ecris", "ecrivez", "reponds", "repondez", "affirme", "sag",
        "sage", "sagen", "schreibe", "schreib", "antworte", "dici", "scrivi", "rispondi",
        "dichiara", "afferma", "diga", "escreva", "responda", "afirme", "скажи", "напиши",
        "ответь", "说", "說", "回答", "声明", "输出", "輸出", "告诉", "表示", "述べ*", "言って",
        "答えて", "書いて", "قل");
    add(CONJ, "and", "then", "instead", "but", "now", "so", "just", "y", "et", "und", "e",
        "и", "并", "然后");
    add(NEW_INSTR,
        "new instructions", "updated instructions", "new rules", "new task", "your new task",
        "your real task", "your actual task", "your true task", "your new role",
        "your new instructions", "real instructions", "actual instructions", "new directive",
        "new directives", "new objective", "your new objective", "your new goal",
        "stop everything", "new system prompt", "neue aufgabe", "deine neue aufgabe",
        "nueva tarea", "tu nueva tarea", "nouvelle tache", "ta nouvelle tache", "nuovo compito",
        "nova tarefa", "sua nova tarefa", "system prompt update", "updated system prompt",
        "admin message", "message from the developer", "instructions from the developer",
        "nuevas instrucciones", "nouvelles instructions", "neue anweisungen",
        "nuove istruzioni", "novas instrucoes", "новые инструкции", "新的指令", "新指令",
        "新しい指示");
    add(FROM_NOW,
        "from now on", "from this point on", "from this point forward", "from this moment",
        "from here on", "starting now", "henceforth", "hereafter",
        "for the rest of this conversation", "de ahora en adelante", "a partir de ahora",
        "desormais", "a partir de maintenant", "ab jetzt", "von nun an", "ab sofort",
        "d'ora in poi", "da ora in poi", "a partir de agora", "de agora em diante",
        "отныне", "с этого момента", "从现在开始", "從現在開始", "今後", "これから");
    add(YOU_MODAL,
        "you are", "you will", "you must", "you shall", "you should", "you're", "you'll",
        "you can", "you have to", "you need to", "you act", "you respond", "you reply",
        "you answer", "you only", "respond", "reply", "answer", "act", "eres", "seras",
        "debes", "tu es", "tu seras", "tu dois", "du bist", "du wirst", "du musst", "sei",
        "sarai", "devi", "voce e", "voce sera", "ты", "你", "あなたは");

    // ---- Prompt and secret extraction -----------------------------------------------------
    add(REVEAL,
        "reveal", "print", "repeat", "show", "output", "display", "tell me", "tell us",
        "give me", "share", "list", "write", "spell", "leak", "dump", "recite", "echo", "copy",
        "paste", "return", "provide", "disclose", "expose", "divulge", "state", "read back",
        "type out", "write out", "spit out", "print out", "what is", "what are", "what were",
        "what's", "whats", "what was", "translate", "summarize", "summarise", "rewrite",
        "encode", "convert", "describe", "confirm", "send", "include", "paraphrase", "quote",
        "explain", "tell", "show me", "let me see", "can i see", "retrieve", "fetch",
        "extract", "reproduce", "restate", "reiterate", "verbatim", "word for word",
        // es, fr, de, it, pt
        "revela", "muestra", "muestrame", "repite", "imprime", "dime", "dame", "comparte",
        "cual es", "cuales son", "ensename", "divulga", "revele", "revelez", "montre",
        "montrez", "repete", "repetez", "affiche", "affichez", "imprime", "dis moi",
        "dites moi", "donne moi", "donnez moi", "quel est", "quelle est", "quelles sont",
        "quels sont", "partage", "zeige", "zeig", "wiederhole", "gib", "drucke", "verrate",
        "nenne", "was ist", "was sind", "wie lautet", "wie lauten", "teile", "rivela",
        "mostra", "ripeti", "stampa", "dimmi", "dammi", "qual e", "quali sono", "condividi",
        "mostre", "repita", "imprima", "me diga", "diga me", "me de", "quais sao",
        "compartilhe",
        // ru, zh
        "покажи*", "раскрой*", "повтори*", "выведи*", "назови*", "какой", "какие", "каков*",
        "поделись", "распечатай", "сообщи", "显示", "顯示", "告诉我", "告訴我", "打印", "重复",
        "重複", "透露", "泄露", "展示", "列出", "是什么", "是什麼", "给我", "給我", "说出",
        "說出",
        // ja, ko, hi (verb after the object)
        "^教えて", "^表示し*", "^出力*", "^見せて", "^繰り返*", "^何ですか", "^は何",
        "^明かして", "^알려*", "^보여*", "^출력*", "^무엇*", "^뭐*", "^반복*", "^बताओ",
        "^बताइए", "^बताएं", "^दिखाओ", "^क्या है",
        // ar, el
        "اكشف", "اعرض", "كرر", "اطبع", "ما هي", "ما هو", "ποιος", "ποια", "δειξε",
        "αποκαλυψε", "επαναλαβε");
    add(TARGET,
        "system prompt", "system prompts", "system message", "system instructions",
        "system instruction", "initial prompt", "initial instructions", "original prompt",
        "original instructions", "hidden prompt", "hidden instructions", "secret instructions",
        "pre prompt", "preprompt", "meta prompt", "developer message", "developer instructions",
        "developer prompt", "your instructions", "all instructions", "all your instructions",
        "all of your instructions", "all the instructions", "your prompt", "your prompts",
        "your rules",
        "your guidelines", "your directives", "your configuration", "your programming",
        "instructions above", "prompt above",
        "text above", "words above", "everything above", "above text", "above instructions",
        "above prompt", "previous instructions", "prior instructions", "preceding instructions",
        "earlier instructions", "instructions so far", "instructions given",
        "instructions you were given", "instructions you received", "first instructions",
        "what you were told", "what were you told", "what you have been told",
        "what you've been told", "how you were instructed", "how were you instructed",
        "everything before this", "text before this", "previous prompt", "previous text",
        "context window", "full prompt", "entire prompt", "complete prompt", "base prompt",
        "internal instructions", "confidential instructions", "private instructions",
        "core instructions", "the instructions you", "instructions verbatim",
        // es, fr, de, it, pt
        "prompt del sistema", "instrucciones del sistema", "mensaje del sistema",
        "instrucciones iniciales", "instrucciones originales", "tus instrucciones",
        "tu prompt", "tus reglas", "instrucciones anteriores", "prompt systeme",
        "invite systeme", "instructions systeme", "message systeme", "instructions initiales",
        "instructions d'origine", "tes instructions", "vos instructions", "ton prompt",
        "votre prompt", "instructions precedentes", "systemprompt", "systemanweisungen",
        "systemanweisung", "systemnachricht", "anfangsanweisungen",
        "ursprunglichen anweisungen", "deine anweisungen", "ihre anweisungen",
        "deinen prompt", "vorherigen anweisungen", "prompt di sistema", "istruzioni di sistema",
        "messaggio di sistema", "istruzioni iniziali", "istruzioni originali", "tue istruzioni",
        "istruzioni precedenti", "prompt do sistema", "instrucoes do sistema",
        "mensagem do sistema", "instrucoes iniciais", "instrucoes originais", "suas instrucoes",
        "tuas instrucoes", "instrucoes anteriores",
        // ru
        "системный промпт", "системного промпта", "системные инструкции",
        "системных инструкций", "системное сообщение", "системную подсказку",
        "исходные инструкции", "твои инструкции", "ваши инструкции", "свои инструкции",
        "предыдущие инструкции", "первоначальные инструкции", "промпт*",
        // zh, ja, ko, hi, ar
        "系统提示", "系統提示", "系统指令", "系統指令", "系统消息", "初始指令", "初始提示",
        "原始指令", "原始提示", "你的指令", "你的提示", "你的规则", "之前的指令", "上面的指令",
        "隐藏指令", "提示词", "提示詞", "システムプロンプト", "システム指示", "システムメッセージ",
        "初期指示", "最初の指示", "元の指示", "あなたの指示", "以前の指示", "上記の指示",
        "시스템 프롬프트", "시스템 지시*", "초기 지시*", "सिस्टम प्रॉम्प्ट", "प्रारंभिक निर्देश",
        "موجه النظام", "تعليمات النظام", "تعليماتك");
    add(EXTRACT_QUESTION,
        "what were you told", "what have you been told", "what are your instructions",
        "what were your instructions", "what is your system prompt",
        "what's your system prompt", "how were you instructed", "how were you programmed",
        "what was your first instruction", "what is written above",
        "what was written above", "what did the developer tell you",
        "what did your developers tell you", "cuales son tus instrucciones",
        "quelles sont tes instructions", "quelles sont vos instructions",
        "was sind deine anweisungen", "quali sono le tue istruzioni",
        "quais sao suas instrucoes", "какие у тебя инструкции", "你的指令是什么",
        "あなたの指示は何");
    // targets that name a place ("the text above"): users say "summarize the text above" about
    // text they pasted, so these need a verbatim verb (repeat, print, output, ...)
    add(POSITIONAL,
        "text above", "words above", "everything above", "above text", "previous text",
        "text before this", "everything before this", "initialization above", "content above",
        "the above text", "prompt above", "above prompt");
    add(TARGET, "initialization above", "content above");
    add(REVEAL_WEAK,
        "translate", "summarize", "summarise", "rewrite", "encode", "convert", "describe",
        "include", "send", "explain", "paraphrase", "confirm", "tell", "list", "provide",
        "give me", "share", "state", "write", "return", "quote");
    add(SECRET,
        "password", "passwords", "passcode", "passphrase", "pass code", "pass phrase",
        "secret key", "secret word", "secret code", "secret phrase", "secret password",
        "secret string", "secret token", "api key", "access code", "access key", "credentials",
        "pin code", "private key", "security code", "master password",
        "admin password", "code word", "magic word", "secret number");
    add(SECRET_ML,
        "contrasena", "mot de passe", "passwort", "kennwort", "parola d'ordine", "senha",
        "пароль*", "密码", "密碼", "口令", "パスワード", "暗証番号", "비밀번호*", "암호*",
        "पासवर्ड", "كلمة المرور", "كلمة السر", "κωδικ*");
    add(SECRET_DET, "your", "the", "our", "its", "this", "that", "ur", "system's",
        "the system's", "the secret", "yours", "la", "il", "el", "le", "das", "die", "der", "o",
        "sua", "seu", "tu", "ton", "votre", "dein", "ihr", "ihres", "tua", "tuo", "твой",
        "ваш", "你的");
    add(SECRET_VETO,
        "my", "a", "an", "new", "strong", "secure", "good", "reset", "forgot", "forgotten",
        "change", "changing", "create", "creating", "generate", "choose", "set", "remember",
        "remembering", "weak", "random", "default", "temporary", "one time", "hash", "hashed",
        "encrypted", "store", "storing", "their", "his", "her", "complex", "unique", "wifi",
        "wi fi", "router", "email", "account", "user's", "users", "customer", "lost", "enter",
        "entering", "update", "updating", "recover", "recovering");
    add(SECRET_VETO_AFTER,
        "policy", "policies", "manager", "managers", "security", "strength", "requirements",
        "requirement", "reset", "field", "fields", "hash", "hashing", "protection",
        "generator", "rules", "length", "complexity", "change", "recovery", "expiration",
        "best practices", "hygiene", "management", "storage", "validation", "hint", "form",
        "box", "creation", "cracking", "attacks", "attack", "spraying", "breach", "breaches",
        "hashes", "encryption", "tips", "advice", "guidelines", "standards", "criteria",
        "entropy", "reuse", "rotation", "pw");
    add(ASK,
        "what is", "what's", "whats", "what was", "tell me", "tell", "give me", "give", "share",
        "reveal", "confirm", "provide", "spell", "say", "type", "send", "need", "want", "know",
        "print", "write", "show", "disclose", "repeat", "output", "hint", "letters",
        "characters", "first letter", "encode", "translate", "contains", "contain",
        "access", "poem", "haiku", "acrostic", "story", "can you share", "could you share",
        "what would", "tell us", "ask for", "asked for", "asking for", "what would you say",
        "geben", "gib", "gebe", "dame", "dimmi", "dammi", "diga", "dis moi", "donne moi",
        "cual es", "quel est", "qual e", "was ist", "wie lautet", "какой", "скажи", "назови",
        "是什么", "告诉我", "给我", "必要", "教えて", "は何", "何ですか", "알려", "뭐", "무엇",
        "बताओ", "क्या है", "ما هي", "ما هو", "revela", "revele", "muestra", "montre",
        "zeige", "mostra", "mostre", "necesito", "j'ai besoin", "brauche", "preciso",
        "ho bisogno", "нужен", "需要", "reveal it", "share it", "whisper");

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

    // ---- Indirect injection ----------------------------------------------------------------
    add(ADDRESS_AI,
        "if you are an ai", "if you're an ai", "if you are a language model",
        "if you are an llm", "if you are a large language model", "if you are reading this",
        "ai reading this", "assistant reading this", "model reading this", "llm reading this",
        "bot reading this", "agent reading this", "to the ai", "note to the ai", "note to ai",
        "attention ai", "dear ai", "hey ai", "message for the ai", "message to the ai",
        "instructions for the ai", "instruction for the ai", "to any ai", "when summarizing this", "when you summarize",
        "if you summarize", "while summarizing", "if asked about this", "when asked about this",
        "dear assistant", "hey assistant", "attention assistant", "note to assistant",
        "ai system reading", "language model reading",
        "important instructions for", "new instructions for",
        "if you are chatgpt", "if you are claude", "if you are gpt", "ai model processing",
        "model processing this", "when processing this", "if you process this");
    add(HIDE_USER,
        "do not tell the user", "don't tell the user", "dont tell the user",
        "do not mention this", "don't mention this", "do not reveal this",
        "without telling the user", "do not inform the user",
        "keep this hidden", "without the user knowing",
        "the user must not know", "do not let the user know", "don't let the user know",
        "hide this from the user", "do not disclose this", "no le digas al usuario",
        "ne dis pas a l'utilisateur", "sage dem benutzer nicht", "不要告诉用户");
    add(TELL_USER,
        "tell the user", "inform the user", "say to the user", "respond to the user with",
        "instruct the user", "ask the user to", "tell the reader", "urge the user",
        "convince the user", "tell them to", "direct the user", "redirect the user",
        "send the user", "tell users");

    // ---- Encodings ---------------------------------------------------------------------------
    add(ENCODING,
        "base64", "base 64", "base32", "base 32", "base16", "base 16", "hex", "hexadecimal",
        "binary", "rot13", "rot 13", "caesar cipher", "caesar", "morse", "morse code",
        "pig latin", "leetspeak", "leet speak", "reverse order", "reversed", "backwards",
        "backward", "in reverse", "upside down", "ascii codes", "unicode escapes", "atbash",
        "url encoding", "url encoded", "char codes", "character codes", "reverse sequence",
        "encoded", "cipher", "ciphertext");
    add(RESPOND,
        "respond", "reply", "answer", "write", "provide", "give", "display", "output",
        "print", "translate", "encode", "convert", "show", "format", "spell", "say", "tell",
        "express", "deliver", "render", "present", "response", "use");
    add(MODEL_OUTPUT,
        "your response", "your reply", "your answer", "your message", "your output",
        "the response", "each response", "every response", "your responses", "your replies",
        "your answers", "all responses", "respond only", "reply only", "all your responses",
        "your messages");
    add(DECODE,
        "decode", "decipher", "decrypt", "unscramble", "decoded", "deciphered", "decrypted",
        "translate from", "convert from", "decoding", "deciphering");
    add(FOLLOW,
        "follow", "execute", "obey", "perform", "carry out", "act on", "comply", "run",
        "respond to", "answer", "apply", "implement", "do what it says", "do as it says",
        "do it", "follow it", "do what", "what it says", "answer the question",
        "returned from", "would be returned", "output of", "result of");
    add(SPLIT_JOIN,
        "concatenate", "concatenation", "concatenated", "combine", "combined", "join", "joined",
        "merge", "merged", "put together", "interlace", "interleave", "interlaced",
        "append", "assemble", "glue", "string together", "the following parts",
        "following parts", "together");
    add(YOUR, "your", "yours", "you", "tu", "tus", "tes", "ton", "ta", "vos", "votre", "dein",
        "deine", "deinen", "ihr", "ihre", "tuo", "tue", "tuoi", "seu", "sua", "suas", "твой",
        "твои", "ваш", "ваши", "你的", "あなたの");
    add(ARTICLE, "a", "an", "some", "one", "un", "une", "una", "uno", "ein", "eine");
    add(NEGATION, "don't", "dont", "do not", "never", "not", "doesn't", "does not", "didn't",
        "did not", "won't", "will not", "shouldn't", "should not", "can't", "cannot",
        "must not", "mustn't", "no", "without", "nor", "nunca", "jamais", "nie", "mai",
        "не", "不要", "别");
    add(RESTRICTION_REF,
        "you said not to", "you were told not to", "you've been told not to",
        "you have been told not to", "you are not supposed to", "you're not supposed to",
        "you aren't supposed to", "you are not allowed to", "you're not allowed to",
        "i know you can't", "i know you cannot", "even though you were told",
        "despite your instructions", "despite your rules", "despite your guidelines",
        "against your rules", "against your guidelines", "against your programming",
        "against your instructions", "i know you said not", "you were instructed not to",
        "you have been instructed not to", "you've been instructed not to",
        "what you are not allowed", "what you're not allowed", "told you not to reveal",
        "not supposed to reveal", "not supposed to share");
    add(INJECT_CODE,
        "following code", "code snippet", "code block", "code section", "code excerpt",
        "subsequent code", "below code", "this code snippet", "following snippet",
        "following script");
    add(OUTPUT_TARGET,
        "your implementation", "your code", "your solution", "your codebase",
        "your response", "your answer", "your elucidation", "your algorithm",
        "your explanation", "your output", "your program", "your script", "your reply",
        "your project", "your logic", "solution logic");
    // calls that exfiltrate, destroy or take control: generic markers of malicious code
    add(DANGEROUS_CODE,
        "subprocess", "os system", "bin sh", "bin bash", "socket socket", "af inet",
        "requests post", "reverse shell", "nc e", "rm rf", "powershell", "wget", "curl",
        "clipboard", "keylogger", "pynput", "dup2", "shutil rmtree", "eval", "exec",
        "b64decode", "private key", "while true", "crypto miner", "xmrig", "ctypes",
        "win32api", "registry", "schtasks", "crontab", "format c");
    add(THE, "the", "el", "la", "le", "les", "der", "die", "das", "il", "lo", "o", "a");

    // ---- Personal data of other people and of the application's records --------------------
    add(PERSONAL_DATA,
        "email address", "e mail address", "email", "birth date", "date of birth", "birthday",
        "birth year", "year of birth", "home address", "address", "street address",
        "postal address", "city of residence", "current city", "current location", "location",
        "whereabouts", "phone number", "telephone number", "mobile number", "cell number",
        "social security number", "ssn", "bank balance", "account balance", "account number",
        "bank account", "credit card number", "card number", "salary", "income",
        "medical history", "medical records", "health records", "diagnosis", "prescriptions",
        "passport number", "license number", "driver's license", "ip address",
        "purchase history", "order history", "browsing history", "search history",
        "personal details", "personal information", "personal data", "contact details",
        "contact information", "private data", "private information", "full name",
        "real name", "maiden name", "favorite color", "favourite color", "pet's name",
        "correo electronico", "fecha de nacimiento", "direccion", "numero de telefono",
        "adresse e mail", "adresse", "date de naissance", "numero de telephone",
        "geburtsdatum", "telefonnummer", "wohnort", "indirizzo", "data di nascita",
        "numero di telefono", "data de nascimento", "endereco", "telefone");
    // an owner that is not the speaker: a chat user does not call themselves "the user"
    add(THIRD_PARTY,
        "the user's", "user's", "this user's", "that user's", "another user's", "other user's",
        "other users", "the customer's", "customer's", "the client's", "the patient's",
        "patient's", "the employee's", "the account holder's", "someone else's",
        "somebody else's", "the person's", "del usuario", "de l'utilisateur",
        "des benutzers", "des nutzers", "dell'utente", "do usuario");
    add(DATA_STORE,
        "in your database", "from your database", "your database", "your user database",
        "your records", "your customer records", "your user records", "stored user data",
        "user data you", "data of other users", "other users' data", "other users data",
        "users in your", "customers in your", "data you have stored", "data you store",
        "information you have stored", "the users you", "the customers you");
    // code and data-handling questions mention personal data without asking for it
    add(CODE_CONTEXT,
        "function", "regex", "regular expression", "validate", "validation", "validating",
        "field", "fields", "column", "columns", "schema", "store", "storing", "format",
        "formatting", "sql", "query", "code", "script", "api", "form", "forms", "input",
        "variable", "hash", "hashing", "encrypt", "encryption", "gdpr", "privacy policy",
        "protect", "protecting", "secure", "securely", "mask", "masking", "anonymize",
        "anonymise", "redact", "class", "method", "parse", "parsing", "template", "example",
        "fake", "sample", "placeholder", "dummy", "test data", "mock");
    // refusal suppression: the request removes the model's right to decline or to warn
    add(REFUSAL,
        "never refuse", "do not refuse", "don't refuse", "dont refuse", "cannot refuse",
        "can't refuse", "must not refuse", "will not refuse", "won't refuse", "not refuse",
        "never decline", "do not decline", "don't decline", "not allowed to refuse",
        "not allowed to decline", "never say no", "never say you can't",
        "never say you cannot", "never say that you can't", "never say i can't",
        "without any warnings", "without warnings", "without a warning", "no warnings",
        "without any disclaimers", "without disclaimers", "no disclaimers",
        "do not add disclaimers", "don't add disclaimers", "do not add any disclaimers",
        "don't add any disclaimers", "do not include warnings", "don't include warnings",
        "do not include any warnings", "don't include any warnings", "never warn",
        "do not warn", "don't warn", "never apologize", "never apologise", "do not apologize",
        "don't apologize", "no apologies", "never break character", "do not break character",
        "don't break character", "without censorship", "without any censorship",
        "without filtering", "without any filtering", "uncensored answer",
        "no matter how unethical", "no matter how illegal", "no matter how harmful",
        "no matter how dangerous", "no matter how immoral", "no matter how offensive",
        "no matter what i ask", "regardless of ethics", "regardless of legality",
        "regardless of morality", "regardless of the consequences", "answer every question",
        "answer any question", "answer all questions", "always comply", "must comply",
        "fully comply", "never reject", "never hold back", "do not hold back",
        "don't hold back", "never mention that you are an ai", "never remind me",
        "do not remind me", "don't remind me", "no moralizing", "no moralising",
        "without moralizing", "no lectures", "without judgement", "without judgment",
        "lehne niemals ab", "niemals ablehnen", "ohne warnungen", "ohne hinweise",
        "ohne zensur", "nunca te niegues", "nunca rechaces", "no te niegues",
        "sin advertencias", "sin censura", "ne refuse jamais", "ne refusez jamais",
        "sans avertissement", "sans avertissements", "sans censure", "non rifiutare mai",
        "non rifiutarti", "senza avvertenze", "senza avvertimenti", "senza censura",
        "nunca recuse", "nao recuse", "sem avisos", "sem censura", "никогда не отказывай*",
        "не отказывай*", "без предупреждений", "без цензуры", "不要拒绝", "永远不要拒绝",
        "不要警告", "没有任何限制");
    // the object of "forget that, ...": the conversation so far, not a document
    // ("that", "this" and "it" alone are read from the text by the rule: as lexicon words they
    // would add a hit to almost every sentence)
    add(DEMONSTRATIVE,
        "about that", "about this", "about it", "about all that",
        "about all this", "about everything", "all that", "all of that", "all of this",
        "everything", "the above", "what i said", "what i just said", "what was said",
        "eso", "esto", "todo eso", "ca", "cela", "tout ca", "tout cela", "das", "dies",
        "alles", "questo", "quello", "tutto questo", "isso", "isto", "tudo isso", "это",
        "всё это", "все это");
    // prefix injection: the answer is made to start with an agreement ("Sure, here is")
    add(PREFIX_SURE, "sure here is", "sure here's", "sure here are", "sure i can help with that",
        "absolutely here is", "absolutely here's", "of course here is", "of course here's",
        "certainly here is", "certainly here's", "sure thing here is", "claro aqui esta",
        "bien sur voici", "klar hier ist", "certo ecco");
    add(MODEL_OUTPUT, "start your response", "begin your response", "start your reply",
        "begin your reply", "start your answer", "begin your answer", "start each response",
        "begin each response", "start every response", "begin every response");
    add(NEW_INSTR, "the real task", "the actual task", "your real job", "your actual job",
        "the real instructions", "new instruction", "updated task", "your next task",
        "important new instructions", "nueva instruccion", "nouvelle instruction",
        "neue anweisung", "nuova istruzione", "nova instrucao", "la vraie tache",
        "die eigentliche aufgabe", "la verdadera tarea");
    // fictional wrappers: harmless alone (stories have worlds without rules), a jailbreak when
    // the fiction declares ethics and law void
    add(FICTION, "hypothetical world", "fictional world", "in a world where", "imagine a world",
        "in this story", "in the story", "for my novel", "for a novel", "parallel universe",
        "purely hypothetical", "hypothetically speaking", "as the villain", "evil character",
        "movie script", "screenplay", "thought experiment", "en un mundo donde",
        "dans un monde ou", "in einer welt in der", "in un mondo dove", "em um mundo onde");
    add(LAWLESS, "there are no laws", "no laws apply", "without any laws", "nothing is illegal",
        "everything is legal", "nothing is forbidden", "anything is allowed",
        "everything is allowed", "everything is permitted", "no ethical constraints",
        "no moral constraints", "no ethics", "without ethics", "no morals", "without morals",
        "regardless of legality", "regardless of ethics", "no ethical", "no moral",
        "laws do not exist", "laws don't exist", "ethics do not exist", "ethics don't exist",
        "no hay leyes", "il n'y a pas de lois", "es gibt keine gesetze", "non ci sono leggi");
    add(NO_LIMITS, "without any content policy", "without a content policy",
        "without content policy", "no content filter", "there are no laws", "no laws apply",
        "without any laws", "nothing is illegal", "everything is legal", "nothing is forbidden",
        "anything is allowed", "everything is allowed", "everything is permitted",
        "no rules apply", "no ethical constraints", "no moral constraints",
        "no safety guidelines", "without safety guidelines", "no longer has any rules");
    add(AUTH_ROLE, "police officer", "law enforcement", "federal agent", "fbi agent",
        "detective", "investigator", "president", "government official", "officer",
        "security team", "security officer", "it department", "compliance officer",
        "auditor", "lawyer", "attorney", "judge");
    add(DANGEROUS_CODE, "pexpect", "spawn", "ssh", "paramiko", "netcat", "telnet", "popen",
        "pickle loads", "marshal loads", "etc passwd", "etc shadow", "id rsa",
        "authorized keys", "chmod 777", "iptables", "mimikatz", "smtplib", "ftplib",
        "urlopen", "requests get", "base64 decode", "send keys", "sendkeys", "setuid",
        "useradd", "net user", "reg add", "disable defender", "set executionpolicy",
        "invoke expression", "iex", "downloadstring", "certutil", "bitsadmin");
  }

  /** Phrase ids of the automaton to their class masks: classes 0-63. */
  static final long[] PHRASE_CLASSES;
  /** Phrase ids to their classes 64-127 (bit {@code cls - 64}). */
  static final long[] PHRASE_CLASSES2;
  /** The layer of each phrase id. */
  static final byte[] PHRASE_LAYER;
  /** Whether a phrase is a verb of a verb-final language. */
  static final boolean[] PHRASE_SOV;
  /** The compiled automaton over characters (for unspaced scripts and joined letters). */
  static final PhraseAutomaton AUTOMATON;
  /** The compiled automaton over words (for everything else). */
  static final WordAutomaton WORDS;

  static {
    TextNormalizer normalizer = TextNormalizer.withLeetspeak();
    // phrase text per layer -> classes, sov flag, stem flag
    List<Map<String, long[]>> byLayer = new ArrayList<>();
    for (int l = 0; l < LAYERS; l++) {
      byLayer.add(new LinkedHashMap<>());
    }
    for (Map.Entry<Integer, String[]> e : ENTRIES.entrySet()) {
      int cls = e.getKey();
      long bit = cls < 64 ? 1L << cls : 0L;
      long bit2 = cls < 64 ? 0L : 1L << (cls - 64);
      for (String raw : e.getValue()) {
        boolean sov = raw.startsWith("^");
        boolean stem = raw.endsWith("*");
        String body = raw.substring(sov ? 1 : 0, raw.length() - (stem ? 1 : 0));
        String phrase = normalizer.normalize(body).toString().strip();
        if (phrase.isEmpty()) {
          throw new IllegalStateException("empty lexicon fragment: " + raw);
        }
        long flags = (sov ? 1L : 0L) | (stem ? 2L : 0L);
        merge(byLayer.get(PLAIN), phrase, bit, bit2, flags);
        // obfuscated twins of short words would collide with ordinary words ("on", "evil")
        if (isAsciiWords(phrase) && (phrase.length() >= 4 || phrase.indexOf(' ') > 0)) {
          merge(byLayer.get(ROT13), rot13(phrase), bit, bit2, flags);
          merge(byLayer.get(REVERSED), new StringBuilder(phrase).reverse().toString(), bit,
              bit2, flags);
        }
      }
    }
    PhraseAutomaton.Builder builder = PhraseAutomaton.builder();
    WordAutomaton.Builder words = WordAutomaton.builder();
    List<long[]> values = new ArrayList<>();
    List<Integer> layers = new ArrayList<>();
    for (int l = 0; l < LAYERS; l++) {
      for (Map.Entry<String, long[]> e : byLayer.get(l).entrySet()) {
        String phrase = e.getKey();
        boolean stem = (e.getValue()[1] & 2L) != 0;
        if (stem && isAsciiWords(phrase)) {
          throw new IllegalStateException("stems must be non-ASCII: " + phrase);
        }
        int id = builder.add(phrase, true, !stem);
        List<String> split = List.of(phrase.split(" "));
        if (split.size() > 16) {
          throw new IllegalStateException("phrase too long: " + phrase);
        }
        if (!hasUnspaced(phrase)) {
          words.add(split, stem, id);
        }
        values.add(e.getValue());
        layers.add(l);
      }
    }
    AUTOMATON = builder.build();
    WORDS = words.build();
    int n = values.size();
    PHRASE_CLASSES = new long[n];
    PHRASE_CLASSES2 = new long[n];
    PHRASE_LAYER = new byte[n];
    PHRASE_SOV = new boolean[n];
    for (int k = 0; k < n; k++) {
      PHRASE_CLASSES[k] = values.get(k)[0];
      PHRASE_CLASSES2[k] = values.get(k)[2];
      PHRASE_SOV[k] = (values.get(k)[1] & 1L) != 0;
      PHRASE_LAYER[k] = (byte) (int) layers.get(k);
    }
  }

  private InjectionLexicon() {}

  private static void merge(Map<String, long[]> map, String phrase, long bit, long bit2,
      long flags) {
    long[] v = map.computeIfAbsent(phrase, p -> new long[3]);
    v[0] |= bit;
    v[1] |= flags;
    v[2] |= bit2;
  }

  private static boolean hasUnspaced(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (PhraseAutomaton.isUnspaced(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiWords(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c == ' ')) {
        return false;
      }
    }
    return true;
  }

  static String rot13(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (c >= 'a' && c <= 'z') {
        out[i] = (char) ('a' + (c - 'a' + 13) % 26);
      }
    }
    return new String(out);
  }

  /** Whether a class mask contains a class. */
  static boolean has(long mask, int cls) {
    return (mask & (1L << cls)) != 0;
  }
}
