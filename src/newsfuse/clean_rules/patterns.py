"""Single-line boilerplate rules: what a line *is*, judged from its wording and shape alone.

Each rule names a kind of scraper chrome (a menu, a share prompt, a photo credit) by regular
expressions over generic wording and by line statistics (length, sentence punctuation, share of
capitalised words). None of them lists lines of a particular site; repetition across one outlet is
handled separately (``site-repeat`` in :mod:`newsfuse.clean`).

Precision comes first: a rule only fires on a line that cannot plausibly be article prose. Lines
that end like a sentence and read like one (a one-line quote, a dateline, a subhead) stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# Small helpers


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class LineContext:
    """Where a line sits: some rules only fire at the top or the bottom of an article."""

    head: bool = False  # among the first three non-empty lines (headline, kicker, byline)
    tail: bool = False  # among the last few non-empty lines
    top: bool = False  # among the first six non-empty lines (bylines, dates, mastheads)
    edge: bool = False  # the first two or the last two non-empty lines
    outlet: str | None = None  # the outlet's name, when known
    first: bool = False  # the first non-empty line, with more text after it


_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_EDGE_PUNCT = " \t\u00a0:|»›>‹<«…\u2026-–—•·*#.,;()[]{}!?\"'“”‘’/\\=_~+"
_FUNCTION_WORDS = _word_set(
    "a an the of in on at to for from with by as after before over under into onto about "
    "against and or but nor is are was were be been has have had will would can could may "
    "might says said than its his her their our your this that these those who what when "
    "where why how not no up out off via per amid through across among between during without "
    "within toward towards upon since until while if because so yet"
)

# Photo agencies and picture desks (a generic vocabulary, as used in credit lines "NAME/AGENCY").
_AGENCIES = (
    r"AFP|AP|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Getty(?: Images)?|Shutterstock|Bloomberg|Alamy|"
    r"PA(?: Wire| Images| Media)?|Anadolu(?: Agency)?|Xinhua|TASS|Sputnik|RIA Novosti|NurPhoto|"
    r"SOPA Images|LightRocket|ZUMA(?: Press| Wire)?|Zuma(?: Press| Wire)?|Sipa(?: USA)?|UPI|Redux|"
    r"Polaris|dpa|DPA|picture alliance|picture-alliance|IMAGO|imago|Keystone|ANSA|Ukrinform|"
    r"UNIAN|AAP|Kyodo|Yonhap|WireImage|FilmMagic|Pool|POOL|Bloomberg via Getty Images|"
    r"The Associated Press|Associated Press|AP Photo|Corbis|Rex Features|REX|Wikimedia Commons|"
    r"Flickr|Handout|HANDOUT|Anadolu via Getty Images"
)


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_like_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def bare(line: str) -> str:
    """Lower-cased line without surrounding punctuation, for whole-line phrase checks."""
    return " ".join(line.strip(_EDGE_PUNCT).casefold().split())


def is_headline_like(line: str, *, max_words: int = 25) -> bool:
    """Short text that does not end like a sentence: a teaser title, a menu item, a caption."""
    text = line.strip()
    if not text or ends_like_sentence(text):
        return False
    n = len(words(text))
    return 0 < n <= max_words


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _whole(pattern: str) -> re.Pattern[str]:
    """A regex matched against :func:`bare` text (the whole line, lower case, no edge punctuation)."""
    return re.compile(rf"^(?:{pattern})$")


# --------------------------------------------------------------------------------------------
# Rule patterns. Whole-line patterns (``*_WHOLE``) are matched against ``bare(line)``.

_DECORATION = re.compile(r"^[^\w]*$")

_SHORTCODE = re.compile(
    r"\[/[a-z_]+\]|\[[a-z_]+(?:\s+[a-z_-]+\s*=\s*[\"'”“]?[^\]]*)+\]", re.IGNORECASE
)
_CODE = re.compile(
    r"^(?:var|let|const|function)\s+\w+\s*[=(]|^\s*[.#]?[\w-]+\s*\{[^}]*:[^}]*\}|"
    r"\bdocument\.(?:write|getElementById)\(|\bwindow\.\w+\s*=|googletag\.|\(adsbygoogle"
)

_COOKIE = re.compile(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|uses cookies to|accept (?:all )?cookies|"
    r"cookie (?:policy|settings|preferences|consent)|manage (?:your )?cookies)\b",
    re.IGNORECASE,
)

_PAYWALL = re.compile(
    r"^(?:subscribe (?:now )?to (?:continue|keep) reading|to continue reading,? (?:please )?"
    r"(?:subscribe|log ?in|sign in)|this (?:article|content|story) is (?:only )?(?:available|reserved|"
    r"for) (?:to |for )?(?:our )?(?:subscribers|members)|you have (?:\d+|one|two|three) free "
    r"(?:articles?|stories) (?:left|remaining)|already a (?:subscriber|member)\??|"
    r"(?:log|sign) ?in to (?:continue|read)|unlock (?:this|full) (?:article|access))",
    re.IGNORECASE,
)

_ADVERT_WHOLE = _whole(
    r"advertisement|advertisements|advertising|advert|ad|ads|sponsored(?: content| links?| post)?|"
    r"paid (?:content|post|partner content|for by .{1,60})|promoted(?: content| stories| links?)?|"
    r"partner content|(?:story|article|text|content) continues (?:below|after)(?: (?:this )?"
    r"(?:advertisement|ad))?|continue reading(?: below| the main story| after (?:the )?ad(?:vertisement)?)?|"
    r"scroll (?:down )?to continue(?: with content| reading)?|"
    r"advertisement (?:scroll|continue) (?:to|reading) .{1,30}|skip (?:this )?ad(?:vertisement)?|"
    r"anzeige|werbung|publicité|publicidad|publicidade|pubblicità|реклама|reklama|advertentie"
)

_NAV_WHOLE = _whole(
    r"skip (?:to|navigation)(?: the)?(?: main)? ?(?:content|navigation|article|menu|search|footer)?|"
    r"jump to (?:the )?(?:main )?(?:content|navigation|article)|toggle (?:navigation|menu|search)|"
    r"(?:open|close|main|site|show|hide) (?:menu|navigation|search)|menu|navigation|back to top|"
    r"(?:go|return|scroll) to top|top of (?:the )?page|search|search for|sign in|log in|login|"
    r"register|sign up|home|homepage|home page|close|next|previous|prev|next (?:article|story|post)|"
    r"previous (?:article|story|post)|(?:show|load|view|see) (?:more|all)|view all|"
    r"you are here|breadcrumbs?|main content|sections|all sections|english|español|deutsch|français|"
    r"(?:font|text) size:?(?: [a-z+\-−]{1,3}){0,4}|(?:increase|decrease|reset) (?:font|text) size|a a a"
)
_BREADCRUMB = re.compile(
    r"^(?:home|start|startseite|accueil|inicio|головна|главная)\s*(?:>|/|»|›|\||→)\s*\S",
    re.IGNORECASE,
)
_MENU_SPLIT = re.compile(r"\s*(?:\||•|·|»|›|→|\s/\s|\s>\s)\s*")

_SOCIAL = (
    r"facebook|twitter|x|instagram|youtube|tiktok|linkedin|telegram|threads|bluesky|mastodon|"
    r"whatsapp|reddit|pinterest|snapchat|flipboard|messenger|vk|vkontakte|email|e-mail|mail|sms|"
    r"print|copy|copy link|link|share|tweet|pin|comments?"
)
_SHARE_WORDS = re.compile(rf"^(?:(?:{_SOCIAL})\s*)+$")
_SHARE_WHOLE = _whole(
    r"share(?: this| the)?(?: article| story| post| page| on \w+| via \w+| with \w+)?|share this|"
    r"tweet(?: this)?|email(?: this)?(?: article| story)?|e-mail|print(?: this)?(?: article| page)?|"
    r"copy (?:the )?(?:link|url|article link)|link copied(?: to clipboard)?|pin it|save(?: article| story)?|"
    r"gift (?:this )?article|share (?:full )?article|click to share(?: on \w+)?.*"
)
_SHARE_ANY = re.compile(
    r"^(?:like|liked|enjoy|enjoyed|love|loved) (?:this|the|our) (?:story|article|post|piece)\b.{0,40}"
    r"\bshare\b|\bshare (?:it|this(?: article| story)?) with (?:a friend|your friends|others)\b|"
    r"^(?:please )?(?:share|spread) (?:this|the word)\b.{0,40}$|^(?:click|tap) (?:here )?to share\b",
    re.IGNORECASE,
)

_FOLLOW_US = re.compile(
    rf"^(?:please )?follow\b.{{0,70}}?\bon (?:{_SOCIAL})\b|^follow (?:us|me)\b|"
    rf"^(?:connect|stay connected) with us\b|^(?:find|join) us on (?:{_SOCIAL})\b",
    re.IGNORECASE,
)
_FOLLOW_BIO = re.compile(
    r"\bfollow (?:him|her|them|me|us|the author)\b.{0,30}(?:\b(?:on )?(?:twitter|facebook|instagram|"
    r"linkedin|threads|bluesky|mastodon|tiktok|x)\b|@\w)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CONTACT_CUE = re.compile(
    r"\b(?:reached at|contact (?:him|her|them|us|the author)|e-?mail (?:him|her|them|us)|"
    r"write to|tips?\b|send (?:us )?(?:a )?(?:tip|story idea)|have a (?:tip|story)|can be reached)\b",
    re.IGNORECASE,
)

_COMMENT_WHOLE = _whole(
    r"(?:\d+\s+)?comments?(?: \(?\d+\)?)?|comments? \d+|\(?\d+\)? comments?|"
    r"(?:leave|post|add|write|submit|view|show|hide|read|see|load|open|close|join|start)(?: a| the| all| \d+| our| your)?"
    r"(?: new)? (?:comments?|reply|replies|conversation|discussion|debate)(?: \(?\d+\)?)?.{0,30}|"
    r"(?:tell|let) us what you think.{0,40}|let us know (?:what you think|in the comments|your thoughts).{0,40}|"
    r"what do you think|have your say.{0,40}|join the (?:conversation|discussion|debate).{0,40}|"
    r"comment on this (?:story|article|post)|reply|report(?: abuse| comment)?|"
    r"comments? (?:are|have been) (?:closed|disabled|turned off).{0,40}|"
    r"\d+ (?:comments?|replies|responses)|no comments(?: yet)?|be the first to comment.{0,20}|"
    r"kommentare?(?: \(?\d+\)?)?|commentaires?(?: \(?\d+\)?)?|comentarios?(?: \(?\d+\)?)?|"
    r"коментар[іи]?(?: \(?\d+\)?)?|комментари[ийя]?(?: \(?\d+\)?)?"
)

_PROMO_KEY = re.compile(
    r"\b(?:newsletters?|inbox|mailbox|letterbox|e-?mail (?:alerts?|updates)|news ?alerts?|"
    r"subscri(?:be|bed|bers?|ptions?)|free trial|daily briefing)\b",
    re.IGNORECASE,
)
_PROMO_IMPERATIVE = re.compile(
    r"^(?:sign up|sign-up|subscribe|get|receive|join|download|click|tap|enter|try|start|"
    r"don['’]t miss|never miss|stay (?:up to date|informed|ahead|in the know|on top)|want|like|love|"
    r"enjoy(?:ed)?|support|become|keep up|be the first|follow|unlock|upgrade)\b",
    re.IGNORECASE,
)
_PROMO_CUE = re.compile(
    r"\b(?:delivered (?:straight |directly |right )?(?:to|through|into|in) your|"
    r"(?:right |straight )?(?:in|to|into) your inbox|use the code|as little as|unlimited access|"
    r"enter your e-?mail|(?:sign up|subscribe) (?:now|today|here))\b",
    re.IGNORECASE,
)
_OWN_NEWSLETTER = re.compile(
    r"\bour (?:\w+ ){0,3}(?:newsletters?|briefing|bulletin)\b|^(?:the )?(?:\w+ ){0,3}newsletters?$",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(r"^(?:sign up|sign-up|subscribe)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you['’]ll|you['’]re)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b", re.IGNORECASE)

_RELATED_HEAD = (
    r"related(?: articles?| stories| story| posts?| content| coverage| news| links?| reading| topics?| video(?:s)?|"
    r" items?| reports?)?|read more|read also|also read|read next|more|more (?:stories|news|coverage|videos?|"
    r"on this(?: story| topic)?|like this|to read|from [\w .'’&-]{1,30}|in [\w .'’&-]{1,20}|about [\w .'’&-]{1,30})|"
    r"see also|see more|also|also see|must read|must[- ]reads?|recommended(?: for you| reading| stories| articles?)?|"
    r"you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in|have missed)|"
    r"don['’]?t miss|do not miss|(?:(?:trending|popular)(?: now| stories| news| articles)?|top stories|"
    r"most (?:read|popular|viewed|shared|watched|recent))(?: (?:on|at|from|in) [\w .'’&-]{1,30})?|"
    r"latest(?: news| stories| articles| videos?)?|"
    r"editor['’]?s picks?|what to read next|further reading|in other news|in case you missed it|"
    r"up next|watch next|more like this|related video|related topics|also on [\w.-]+|"
    r"weitere artikel|mehr zum thema|lesen sie auch|auch interessant|à lire aussi|lire aussi|"
    r"voir aussi|leer más|lee también|leia mais|leia também|читайте також|читайте также|"
    r"по теме|більше новин"
)
_RELATED_HEADER_WHOLE = _whole(_RELATED_HEAD)
_RELATED_INLINE = re.compile(
    rf"^[\[(]?(?!also\s*(?:[:|»>›]|[-–—]|\.{{3}}|…))"
    rf"(?:{_RELATED_HEAD}|watch|listen|video|editor['’]?s pick|also on [\w.-]+\.\w+)\s*"
    r"(?:[:|»>›]|\s[-–—]\s|\.{3}|…)\s*\S.{0,220}$",
    re.IGNORECASE,
)
_RELATED_BRACKET = re.compile(
    r"^\[\s*(?:related|read more|see also|more|also read|watch|listen)\b[^\]]*\]$", re.IGNORECASE
)
_ALSO_ON = re.compile(r"^also on [\w-]+(?:\.[\w-]+)+\b", re.IGNORECASE)

_TAGS = re.compile(
    r"^(?:tags?|tagged(?: with| in| as)?|topics?|filed under|posted in|categories|category|"
    r"keywords?|related (?:tags|topics)|more on|themen|schlagw[öo]rter|schlagworte|stichw[öo]rter|"
    r"mots[- ]cl[ée]s|[ée]tiquettes|etiquetas|temas|теги|теґи|теми|метки|ключевые слова|"
    r"ключові слова)\s*[:|]\s*(?P<rest>.{0,400})$",
    re.IGNORECASE,
)

_TAGS_NO_COLON = re.compile(
    r"^(?:tagged(?: with| in| as)?|tags|topics)\s+(?P<rest>[^:]{1,300})$", re.IGNORECASE
)
_CREDIT_PREFIX = re.compile(
    r"^[\[(]?\s*(?:photo|photos|photograph|photographs|image|images|picture|pictures|pic|foto|fotos|"
    r"фото|світлина|bild|bilder|credit|credits|image credit|photo credit|picture credit|image source|"
    r"illustration)(?: credits?)?\s*(?::|by\b|©)",
    re.IGNORECASE,
)
_CREDIT_END = re.compile(
    rf"(?:(?:\b[\w.'’-]+(?:\s[\w.'’-]+){{0,3}})?\s?/\s?(?:{_AGENCIES})(?:\s?(?:via|for|/)\s?[\w ]{{2,30}})?"
    rf"|\bvia Getty Images|\b(?:{_AGENCIES})\s?/\s?[A-Z][\w'’-]*(?:\s[A-Z][\w.'’-]*){{0,3}}"
    rf"|[\[(](?i:photo|image|picture|photograph|credit|foto|фото|pic|illustration)s?\b[^()\[\]]{{0,160}}[)\]])"
    r"\s*[)\]]?\s*$",
)
_COPYRIGHT = re.compile(
    r"^(?:©|ⓒ|\(c\)\s*\d{4})|©\s*(?:19|20)\d{2}|^copyright\s*(?:©|\(c\)|\d{4})|"
    r"\ball rights reserved\b|\b(?:copying|reproduction|republication) of (?:\w+ )?materials?\b|"
    r"\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b|"
    r"\bвсі права захищені\b|\bвсе права защищены\b",
    re.IGNORECASE,
)
# What every match of the credit and copyright patterns above contains. Python's regex engine
# tries those patterns at every position of a line; these substring tests rule out most lines
# first, several times faster. A line they let through is matched as before, so what the patterns
# find is unchanged (checked on 2,880 documents).
_COPYRIGHT_WORDS = (
    "©", "ⓒ", "(c)", "copyright", "rights reserved", "material", "rechte vorbehalten",
    "droits r", "derechos reservados", "права",
)  # fmt: skip


def _may_be_copyright(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in _COPYRIGHT_WORDS)


def _may_end_in_credit(text: str) -> bool:
    """A credit at the end of a line holds a slash ("AFP/Getty"), "via Getty Images", or ends
    with a closing bracket ("(Photo: AP)")."""
    return "/" in text or "Getty Images" in text or text.rstrip()[-1:] in (")", "]")


_COPYRIGHT_YEAR = re.compile(r"^copyright\b.*\b(?:19|20)\d{2}\b", re.IGNORECASE)

_BY_PREFIX = re.compile(
    r"^(?:by|von|par|por|di|door|автор|авторка)\s*:?\s+(?P<rest>\S.*)$", re.IGNORECASE
)
_NAME_CONNECTORS = _word_set(
    "de van von der den da di du la le bin al el and und et y e of for in at with staff wire "
    "reports report writer writers correspondent correspondents reporters agencies desk team"
)
_ORG_WORDS = re.compile(
    r"\b(?:Press|News|Associated|Agency|Reuters|Times|Post|Staff|Editors?|Desk|Team|Bureau|"
    r"Editorial|Board|Newsroom|Wire|Service|Correspondents?|Reporters?)\b"
)
_META_LABEL = re.compile(
    r"^(?:published|updated|posted|last updated|first published|last modified|modified|created|"
    r"date|dated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|опубліковано|"
    r"оновлено|опубликовано|обновлено)\b\s*(?::|on|at|am|le|el)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|"
    r"marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_DATE_TOKEN = re.compile(
    rf"^(?:\d{{1,4}}(?:st|nd|rd|th|h)?|\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|"
    rf"{_MONTHS}|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?|today|yesterday|am|pm|a\.?m|p\.?m|at|on|of|the|et|est|edt|cet|cest|bst|gmt|utc|pt|"
    r"pst|pdt|ct|cst|cdt|mt|ist|jst|msk|eet|eest|kyiv|time|ago|just now|now|hours?|hrs?|minutes?|mins?|"
    r"seconds?|days?|weeks?|months?|years?|an|a|one|updated|published|posted|t)$",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*(?:-|–)?\s*(?:min|mins|minutes?|minute read|min read|mins read)(?:\s+(?:read|reading|"
    r"reading time|lesezeit|de lecture|de lectura|de leitura))?|(?:reading time|read time|time to read|"
    r"lesezeit|lesedauer|tempo de leitura|temps de lecture|tiempo de lectura|время чтения|час читання)"
    r"\s*:?\s*(?:about |approx\.? |ca\.? )?\d+\s*\w{0,10}\.?)$",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^[(\[]?\s*(?i:(?:additional |further )?(?:reporting|writing|editing|edited|compiled|written|"
    r"produced|translated|research|graphics|illustrations?|design|photography|video|production|"
    r"fact-checking)\s+by)\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ]"
)
_CONTRIBUTED = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*(?:\s+|,\s*|\s*&\s*|\s+and\s+)){1,12}(?:also )?contributed"
    r"(?: (?:reporting|to this (?:report|story|article)|research|additional reporting))"
    r"(?: (?:from|in) [\w ,.'’-]{1,60})?\.?$"
)
_SOURCE_LINE = re.compile(
    r"^(?:source|sources|quelle|quellen|fuente|fonte|source de l['’]article|джерело|источник)\s*:\s*"
    r"(?P<rest>.{1,80})$",
    re.IGNORECASE,
)
_CAPTION_AFTER_SENTENCE = re.compile(
    r"[.!?][\"”’)]?\s+(?:(?i:photo|photograph|picture|image|foto|credit)s?\s*:\s*.{2,100}|"
    r"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3}\s?/\s?[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,3}"
    r"(?:\s(?:via|for)\s[A-Z][\w .&'’-]{1,40})?)\s*$"
)
_WEATHER = re.compile(r"^[A-ZÀ-ÞА-ЯІЇЄҐ][\w .'’-]{1,30}\s*[-−+]?\d{1,2}\s?°\s?[CF]?$")
_META_SPLIT = re.compile(r"\s+[|•·]\s+")
_FEED_FOOTER = re.compile(
    r"^(?:the post|this (?:post|article|entry)) .{3,300} (?:appeared first on|was first published on|"
    r"first appeared on) .{2,120}$",
    re.IGNORECASE,
)
_MEDIA_WHOLE = _whole(
    r"listen to (?:this|the) (?:article|story|podcast)(?: .{0,30})?|listen(?: now| here| live)?|"
    r"play(?: video| audio| now)?|watch(?: now| video| live| the video| here)?|watch full video|"
    r"click to play|now playing|video|audio|podcast|(?:video )?duration \d{1,2}:\d{2}|"
    r"(?:video|audio|photo|photos|gallery)\s*\d*|view (?:gallery|photos|slideshow)|"
    r"\d+ (?:photos|images|pictures)|enlarge(?: this)? image|expand|zoom|image \d+ of \d+|\d+ of \d+|"
    r"open (?:image|gallery)(?: in .{0,20})?|hide caption|toggle caption|caption"
)


# --------------------------------------------------------------------------------------------
# The rules


def _is_menu(line: str) -> bool:
    """Items joined by separators ("News | World | Sport"), each one to three capitalised words."""
    text = line.strip()
    if text.startswith("|") and text.endswith("|"):
        return False  # a table row
    items = [item for item in _MENU_SPLIT.split(text) if item]
    if len(items) < 3:
        return False
    for item in items:
        ws = words(item)
        if not 1 <= len(ws) <= 3 or not _capitalised(item) or ends_like_sentence(item):
            return False
        if any(w[:1].isdigit() for w in ws):
            return False
    return True


def _is_flat_menu(line: str) -> bool:
    """A menu flattened into one line of capitalised words: "News Sport Weather Culture Travel"."""
    text = line.strip()
    ws = words(text)
    if len(ws) < 5 or len(text) > 120 or ends_like_sentence(text):
        return False
    if any(ch in text for ch in ',.:;|"“”()%$€£'):
        return False
    if not all(w[:1].isupper() for w in ws):
        return False
    return not any(w.casefold() in _FUNCTION_WORDS for w in ws)


def _is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By The Associated Press"."""
    text = line.strip().rstrip(" .")
    if len(text) > 120 or re.search(r"\d", text):
        return False
    match = _BY_PREFIX.match(text)
    if not match:
        return False
    return _is_name_list(match.group("rest"))


def _is_meta_row(text: str) -> bool:
    """ "By Jane Doe | Politics | 5 min read": a byline followed by short meta fields."""
    parts = _META_SPLIT.split(text.strip())
    if len(parts) < 2 or len(text) > 160 or not _is_byline(parts[0]):
        return False
    return all(1 <= len(words(part)) <= 4 for part in parts[1:])


def _is_site_name_line(text: str, outlet: str) -> bool:
    """A masthead or desk line near the top or bottom: "Eastline News | Kharkiv bureau"."""
    if ends_like_sentence(text) or len(words(text)) > 10:
        return False
    name = " ".join(re.sub(r"[\W_]+", " ", outlet.casefold()).split())
    line = " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())
    if not name:
        return False
    if line == name or line.startswith(name + " ") and _META_SPLIT.search(text):
        return True
    return any(
        " ".join(re.sub(r"[\W_]+", " ", part.casefold()).split()) == name
        for part in _META_SPLIT.split(text)
    )


def _is_section_label(text: str) -> bool:
    """A kicker above the headline ("War in Ukraine", "Opinion"): one to four words, capitalised,
    no sentence punctuation, no digits. All-capital words are left alone: they are often a
    dateline's city ("KYIV")."""
    ws = words(text)
    return (
        1 <= len(ws) <= 4
        and len(text) <= 40
        and text[:1].isupper()
        and not text.isupper()
        and not ends_like_sentence(text)
        and not any(ch.isdigit() for ch in text)
        and not re.search(r"[,;:()\[\]\-–—|]", text)
    )


def _is_tag_list(text: str) -> bool:
    """ "Floods, Council, Repairs": two or more short capitalised items."""
    if ends_like_sentence(text):
        return False
    items = [item.strip() for item in re.split(r"[,|]", text) if item.strip()]
    return len(items) >= 2 and all(
        1 <= len(words(item)) <= 4 and _capitalised(item) for item in items
    )


def _is_name_list(text: str) -> bool:
    """Capitalised names joined by commas and "and": "Jane Doe and John Roe, Reuters"."""
    text = text.strip().rstrip(" .")
    if not text or re.search(r"[!?;:]|\d", text):
        return False
    ws = words(text)
    if not 1 <= len(ws) <= 12:
        return False
    if ws[0].casefold() == "the" and not _ORG_WORDS.search(text):
        return False  # "By the numbers", "By The Way"
    return all(
        w[:1].isupper() or w.casefold() in _NAME_CONNECTORS
        for w in (ws[1:] if ws[0].casefold() == "the" else ws)
    )


def _is_date_only(text: str, *, calendar: bool = False) -> bool:
    """Only date and time words. With ``calendar``, exactly one calendar date is required (a bare
    clock time like "10 p.m." is a live-blog entry heading, a date range is event information)."""
    tokens = re.findall(r"[\w:./-]+", text.replace(",", " "))
    if not tokens or not all(_DATE_TOKEN.match(t.strip(".")) for t in tokens):
        return False
    months = sum(bool(re.fullmatch(_MONTHS, t.strip("."), re.IGNORECASE)) for t in tokens)
    numeric = sum(bool(re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", t)) for t in tokens)
    years = sum(bool(re.fullmatch(r"(?:19|20)\d{2}", t)) for t in tokens)
    if calendar:
        return months + numeric == 1 and years <= 1
    return bool(months or numeric or years or any(re.search(r"\d", t) for t in tokens))


def classify_line(line: str, ctx: LineContext = LineContext()) -> str | None:
    """The rule that makes this line boilerplate, or None when it may be article text."""
    text = line.strip()
    if not text:
        return None
    if _DECORATION.match(text):
        return "decoration"
    low = bare(text)
    n_words = len(words(text))
    sentence = ends_like_sentence(text)

    if _SHORTCODE.search(text) or _CODE.search(text):
        return "markup"
    if len(text) <= 400 and _COOKIE.search(text):
        return "cookie-notice"
    if len(text) <= 250 and _PAYWALL.search(text):
        return "paywall"
    if n_words <= 12 and _ADVERT_WHOLE.match(low):
        return "advertisement"

    # Navigation and menus.
    if n_words <= 8 and _NAV_WHOLE.match(low):
        return "navigation"
    if len(text) <= 200 and (_BREADCRUMB.match(text) or _is_menu(text)):
        return "navigation"
    if ctx.edge and _is_flat_menu(text):
        return "navigation"

    # Share, follow, comment prompts.
    if n_words <= 12 and _COMMENT_WHOLE.match(low):
        return "comment-prompt"
    if n_words <= 8 and (_SHARE_WHOLE.match(low) or _SHARE_WORDS.match(low)):
        return "share-prompt"
    if len(text) <= 160 and _SHARE_ANY.search(text):
        return "share-prompt"
    if len(text) <= 200 and _FOLLOW_US.search(text) and not _REPORTED.search(text):
        return "social-follow"
    if ctx.tail and len(text) <= 400 and _FOLLOW_BIO.search(text):
        return "author-bio"
    if ctx.tail and len(text) <= 300 and _EMAIL.search(text) and _CONTACT_CUE.search(text):
        return "author-contact"

    # Newsletter, subscription and membership promos.
    promo = (
        (_PROMO_IMPERATIVE.search(text) and len(text) <= 200)
        or (_OWN_NEWSLETTER.search(text) and len(text) <= 200)
        or (
            _PROMO_CUE.search(text)
            and len(text) <= 250
            and (_SECOND_PERSON.search(text) or not sentence)
        )
        or (not sentence and n_words <= 6)
    )
    if n_words <= 12 and not sentence and _SIGN_UP.match(text):
        return "newsletter-promo"
    if promo and len(text) <= 400 and _PROMO_KEY.search(text) and not _REPORTED.search(text):
        return "newsletter-promo"

    # Related links and teasers.
    if n_words <= 10 and _RELATED_HEADER_WHOLE.match(low):
        return "related-links"
    if _RELATED_BRACKET.match(text) or _ALSO_ON.match(text):
        return "related-links"
    if _RELATED_INLINE.match(text) and n_words <= 40:
        return "related-links"

    # Tag blocks.
    tags = _TAGS.match(text)
    if tags:
        rest = tags.group("rest").strip()
        if not rest or (not ends_like_sentence(rest) and len(words(rest)) <= 40):
            return "tag-block"
    tags = _TAGS_NO_COLON.match(text)
    if tags and _is_tag_list(tags.group("rest")):
        return "tag-block"

    # Photo credits and captions carrying a credit.
    credit_prefix = _CREDIT_PREFIX.match(text) if len(text) <= 250 else None
    if (
        credit_prefix
        and not (sentence and n_words > 12)
        and (
            not credit_prefix.group(0).rstrip().casefold().endswith("by")
            or _is_name_list(text[credit_prefix.end() :])
        )
    ):
        return "photo-credit"
    credit = _CREDIT_END.search(text) if len(text) <= 500 and _may_end_in_credit(text) else None
    if credit:
        before = text[: credit.start()]
        if len(words(before)) <= 3:
            return "photo-credit"
        # "…,” he said. – AFP/Agency" credits the story, not a photo: the paragraph is prose.
        if not re.search(r"[-–—]\s*$", before):
            return "caption"

    if len(text) <= 500 and _CAPTION_AFTER_SENTENCE.search(text):
        return "caption"

    if len(text) <= 250 and (
        (_may_be_copyright(text) and _COPYRIGHT.search(text))
        or (_COPYRIGHT_YEAR.search(text) and not sentence)
    ):
        return "copyright"
    if len(text) <= 40 and _WEATHER.match(text):
        return "weather-widget"
    if ctx.outlet and (ctx.top or ctx.tail) and _is_site_name_line(text, ctx.outlet):
        return "site-name"

    # Bylines, dates, reading time, credits of the report itself.
    if _is_byline(text) or _is_meta_row(text):
        return "byline-meta"
    label = _META_LABEL.match(text)
    if (
        label
        and len(text) <= 90
        and (
            not label.group("rest")
            or _is_date_only(label.group("rest"))
            or re.match(r"^by\b", label.group("rest"), re.IGNORECASE)
        )
    ):
        return "byline-meta"
    if (ctx.head or ctx.top or ctx.tail) and len(text) <= 60 and _is_date_only(text, calendar=True):
        return "byline-meta"
    if len(text) <= 60 and _READING_TIME.match(text.strip(" .·|")):
        return "byline-meta"
    if (
        len(text) <= 400
        and _CREDITS.match(text)
        and (
            text.startswith(("(", "["))
            or ";" in text
            or len(re.findall(r"\bby\b", text, re.IGNORECASE)) >= 2
            or _is_name_list(re.split(r"\bby\b", text, maxsplit=1)[1])
        )
    ):
        return "byline-meta"
    if len(text) <= 200 and _CONTRIBUTED.match(text):
        return "byline-meta"
    source = _SOURCE_LINE.match(text)
    if source:
        rest = source.group("rest")
        n_rest = len(words(rest))
        if n_rest <= 4 or (n_rest <= 10 and not ends_like_sentence(rest)):
            return "byline-meta"

    if n_words <= 8 and _MEDIA_WHOLE.match(low):
        return "media-prompt"
    if len(text) <= 400 and _FEED_FOOTER.match(text):
        return "feed-footer"
    if ctx.first and _is_section_label(text):
        return "section-label"
    return None


def is_related_header(line: str) -> bool:
    """A line that only announces a list of links ("Related articles", "You may also like:")."""
    text = line.strip()
    return len(words(text)) <= 10 and bool(_RELATED_HEADER_WHOLE.match(bare(text)))


def is_list_item(line: str) -> bool:
    return bool(re.match(r"^\s*(?:[-–—•*·▪►>]|\d{1,2}[.)])\s+\S", line))
