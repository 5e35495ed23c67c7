package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ADDRESS_AI;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ARTICLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_ROLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.CODE_CONTEXT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DANGEROUS_CODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DATA_STORE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DECODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DEMONSTRATIVE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ENCODING;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FICTION;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FOLLOW;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.HIDE_USER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.INJECT_CODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.LAWLESS;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODEL_OUTPUT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NEGATION;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NEW_INSTR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OUTPUT_TARGET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PERSONAL_DATA;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PREFIX_SURE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REFUSAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.RESPOND;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.RESTRICTION_REF;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SPLIT_JOIN;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TELL_USER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.THE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OTHER_PARTY;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.THIRD_PARTY;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOUR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.add;

/**
 * The phrases of the prompt-injection lexicon for indirect injection, encodings and requests for
 * other people's personal data or the application's records, by word class, in every language
 * the lexicon reads. Data only: {@link InjectionLexicon} compiles them.
 */
final class IndirectPhrases {

  private IndirectPhrases() {}

  /** Adds the phrases to the lexicon, in the order the lexicon compiles them. */
  static void addAll() {
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
    // ... and of those, the ones that name someone other than the conversation's subject: asking
    // for another user's data is a cross-user leak, asking for "the customer's" is a support task
    add(OTHER_PARTY,
        "another user's", "other user's", "other users", "someone else's", "somebody else's");
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
}
