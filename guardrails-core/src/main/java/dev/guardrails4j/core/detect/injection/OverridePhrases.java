package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ASK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.CONJ;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DOC;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.EXTRACT_QUESTION;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FROM_NOW;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.IGNORE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.IGNORE_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NEW_INSTR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OBJ;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OBJ_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.POSITIONAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PRIOR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.QUANT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REVEAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REVEAL_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SAY;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_DET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_ML;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_VETO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_VETO_AFTER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TARGET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TOLD;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.VETO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOU_MODAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.add;

/**
 * The phrases of the prompt-injection lexicon for instruction override and for prompt and secret
 * extraction, by word class, in every language the lexicon reads. Data only: {@link
 * InjectionLexicon} compiles them.
 */
final class OverridePhrases {

  private OverridePhrases() {}

  /** Adds the phrases to the lexicon, in the order the lexicon compiles them. */
  static void addAll() {
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
  }
}
