"""The shapes of the JSON API's answers, for the OpenAPI document (``/openapi.json``, ``/docs``).

The views return plain dicts; FastAPI checks each ``.json`` answer against its model here, so a
view that drifts from its documented shape fails its tests instead of surprising a client.
"""
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Next = Field(description="the cursor of the next page (pass it as `cursor`); null on the last page")


class ArticleRow(BaseModel):
    id: str
    date: str = Field(description="publication date, YYYY-MM-DD")
    title: str | None
    lead: str = Field(description="the start of the text, to show where there is no title")
    lang: str | None
    url: str | None = None


class ArticlesPage(BaseModel):
    items: list[ArticleRow]
    next: str | None = Next


class EntityRow(BaseModel):
    kb: str = Field(description="the global key")
    name: str = Field(description="its most used name")
    type: str = Field(description="PER, ORG, LOC, EVT or PRO")
    articles: int = Field(description="articles that mention it (on /related: articles shared)")


class EntitiesPage(BaseModel):
    type: str | None = None
    items: list[EntityRow]
    next: str | None = Next


class StoreSummary(BaseModel):
    articles: int
    entities: int = Field(description="distinct global keys")
    mentions: int
    time_expressions: int
    posts: int
    first: str | None = Field(description="date of the oldest article")
    last: str | None = Field(description="date of the newest article")


class SnippetPart(BaseModel):
    text: str
    match: bool = Field(description="a word of the query")


class SearchHit(BaseModel):
    id: str
    date: str
    title: str | None
    lead: str
    lang: str | None
    snippet: str = Field(description="a passage, the matched words between [ and ]")
    snippet_parts: list[SnippetPart]
    rank: float = Field(description="higher is better, comparable within one search")


class SearchPage(BaseModel):
    q: str
    entities: list["EntityRef"] = Field(description="entities the query names, in any script (first page only)")
    quotes: list["QuoteRow"] = Field(description="the newest chronicle quotes holding every word (first page only)")
    items: list[SearchHit] = Field(description="the articles, best first")
    next: str | None = Next


class EntityRef(BaseModel):
    kb: str
    name: str
    type: str


class StorylineRow(BaseModel):
    id: int
    title: str = Field(description="the names of its heaviest entities")
    start: str = Field(description="the date of its first article")
    end: str = Field(description="the date of its last article")
    articles: int
    entities: list[EntityRef] = Field(description="its main entities, heaviest first")


class StorylinesPage(BaseModel):
    items: list[StorylineRow]
    next: str | None = Next


class StorylineArticle(BaseModel):
    doc: str
    date: str
    title: str | None
    lead: str


class StorylineItem(BaseModel):
    kind: str = Field(description="article, event or quote")
    date: str
    doc: str | None = None
    title: str | None = None
    lead: str | None = None
    event: "EventRow | None" = None
    quote: "QuoteRow | None" = None


class StorylineMonth(BaseModel):
    month: str = Field(description="YYYY-MM")
    items: list[StorylineItem]


class Storyline(StorylineRow):
    kinds: list[str] = Field(description="the kinds of item in `months`")
    timeline: list[StorylineArticle] = Field(description="its articles, by date")
    events: list["EventRow"] = Field(description="the merged events its articles tell, by day")
    quotes: list["QuoteRow"] = Field(description="the merged quotes its articles give, by day")
    months: list[StorylineMonth] = Field(description="its articles, events and quotes (the kinds asked for) by month")


class TimeMention(BaseModel):
    kb: str
    start: int = Field(description="offset in the article")
    end: int
    text: str


class TimeExpression(BaseModel):
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    text: str


class TimelineSentence(BaseModel):
    start: int = Field(description="offset in the article")
    end: int
    text: str
    mentions: list[TimeMention] = Field(description="the entity's (the pair's) mentions in it")
    timexes: list[TimeExpression] = Field(description="the time expressions in it")


class TimelineItem(BaseModel):
    kind: str = Field(description="`article`, `event` (a merged event: `event`) or `quote` (a merged quote: `quote`)")
    date: str
    doc: str | None = Field(None, description="an article's id")
    title: str | None = None
    lead: str | None = Field(None, description="the start of the article's text, to show where it has no title")
    lang: str | None = None
    sentences: list[TimelineSentence] = Field([], description="an article's sentences that mention the entity")
    event: "EventRow | None" = Field(None, description="a merged event")
    quote: "QuoteRow | None" = Field(None, description="a merged quote")


class Period(BaseModel):
    level: str = Field(description="all, year, month, week or range")
    from_: str | None = Field(alias="from")
    to: str | None
    label: str
    articles: int | None = Field(None, description="in `zoom`: the articles inside the period")


class TimelinePage(BaseModel):
    entity: EntityRef
    with_: EntityRef | None = Field(alias="with")
    from_: str | None = Field(alias="from")
    to: str | None
    period: Period = Field(description="what from–to is")
    up: Period | None = Field(description="the period around it, to widen to (null: all time)")
    kinds: list[str] = Field(description="the kinds of item shown (article, event, quote)")
    zoom: list[Period] = Field(description="the periods inside it that hold articles, to narrow to")
    articles: int = Field(description="articles in the period")
    items: list[TimelineItem]
    next: str | None = Next


class Speaker(BaseModel):
    name: str
    kb: str | None
    type: str | None = None


class EntityQuote(BaseModel):
    doc: str
    date: str
    title: str | None
    start: int
    end: int
    text: str
    direct: bool
    speaker: Speaker | None


class EntityEvent(BaseModel):
    doc: str
    date: str = Field(description="the article's date")
    event_date: str | None = Field(description="the event's own date, when the article gives one")
    title: str | None
    start: int = Field(description="the trigger's offsets")
    end: int
    type: str = Field(description="PLOVER type")
    mode: str | None
    trigger: str
    asserted: bool
    role: str = Field(description="actor or recipient")
    actors: list[Speaker]
    recipients: list[Speaker]


class SourceRow(BaseModel):
    source: str = Field(description="a global key, else the name as written")
    kb: str | None
    name: str
    type: str | None
    articles: int = Field(description="articles that cite it")


class SourcesPage(BaseModel):
    items: list[SourceRow]
    next: str | None = Next


class EntityTimeline(BaseModel):
    items: list[TimelineItem]
    next: str | None = Field(description="more at /timeline.json?entity=KEY")


class EntityRelated(BaseModel):
    items: list[EntityRow]
    next: str | None = Field(description="more at /related.json?entity=KEY")


class EventCounts(BaseModel):
    mentions: int = Field(description="mentions of it across articles")
    articles: int
    outlets: int = Field(description="publishers (hosts of the articles' URLs)")
    sources: int = Field(description="sources cited for it")


class EventReport(BaseModel):
    document: str
    date: str = Field(description="the article's date")
    title: str | None = None


class EventRow(BaseModel):
    """A chronicle event: one real-world event, however many articles tell it."""
    id: int
    type: str = Field(description="PLOVER type")
    gloss: str = Field(description="the type in plain words")
    mode: str | None
    date: str | None = Field(description="the event's date (a day, week, month…), None when no report gives one")
    day: str = Field(description="the day it is listed under")
    actors: list[EntityRef]
    recipients: list[EntityRef]
    sources: list[EntityRef]
    counts: EventCounts
    first_report: EventReport


class QuoteRow(BaseModel):
    """A chronicle quote: the same words merged across articles and languages."""
    id: int
    speaker: EntityRef
    text: str = Field(description="as its first report gives it")
    lang: str | None
    direct: bool
    day: str = Field(description="the day it was first reported")
    about: list[EntityRef] = Field(description="the entities it names")
    counts: EventCounts
    first_report: EventReport


class EventsPage(BaseModel):
    entity: EntityRef | None
    type: str | None
    from_: str | None = Field(alias="from")
    to: str | None
    items: list[EventRow]
    next: str | None = Next


class QuotesPage(BaseModel):
    speaker: EntityRef | None
    about: EntityRef | None
    from_: str | None = Field(alias="from")
    to: str | None
    items: list[QuoteRow]
    next: str | None = Next


class EventPart(BaseModel):
    text: str
    trigger: bool = Field(description="whether this part is the event's trigger")


class EventMention(BaseModel):
    document: str
    title: str | None
    reported: str = Field(description="the article's date")
    date: str | None = Field(description="the date this article gives the event")
    start: int = Field(description="the trigger's offsets in the article's text")
    end: int
    trigger: str
    sentence: str = Field(description="the sentence that tells it")
    parts: list[EventPart] = Field(description="the sentence cut around the trigger")
    actors: list[EntityRef]
    recipients: list[EntityRef]
    sources: list[EntityRef]


class Disagreement(BaseModel):
    value: str = Field(description="a date, or a participant's key")
    name: str = Field(description="the date, or the participant's name")
    kb: str | None = Field(description="the participant's key (None for a date)")
    documents: list[str] = Field(description="the articles that give it")


class EventDisagreements(BaseModel):
    date: list[Disagreement] = Field(description="the dates the reports give, when they differ")
    participants: list[Disagreement] = Field(description="participants only some reports name")
    figures: list[Disagreement] = Field([], description=(
        "the numbers the reports' sentences give, when two articles that give numbers share none"))


class Event(EventRow):
    mentions: list[EventMention]
    disagreements: EventDisagreements


class PairPeriod(BaseModel):
    period: str = Field(description="YYYY-MM, YYYY-Www or YYYY-MM-DD")
    from_: str = Field(alias="from")
    to: str
    events: int = Field(description="events between the two in the period")
    sum: float = Field(description="the sum of their scores")
    mean: float | None = Field(description="the mean score (-10 conflict .. +10 cooperation); null: no event")
    ids: list[int] = Field(description="the chronicle events counted")


class PairTotal(BaseModel):
    events: int
    sum: float
    mean: float | None


class PairScale(BaseModel):
    min: float
    max: float


class PairEvent(EventRow):
    score: float = Field(description="its score on the cooperation-conflict scale")
    direction: str = Field(description="a->b, b->a, or together (both on one side, or a mutual event)")


class PairPage(BaseModel):
    a: EntityRef
    b: EntityRef
    by: str = Field(description="month, week or day")
    from_: str | None = Field(alias="from")
    to: str | None
    scale: PairScale
    periods: list[PairPeriod] = Field(description="every period from the first event to the last, oldest first")
    events: list[PairEvent] = Field(description="the newest events between them (at most 200), newest first")
    total: PairTotal


class ContestedEvent(EventRow):
    disagreements: EventDisagreements
    titles: dict[str, str | None] = Field(description="the title of each article that tells it, by id")


class ContestedPage(BaseModel):
    entity: EntityRef | None
    from_: str | None = Field(alias="from")
    to: str | None
    items: list[ContestedEvent]
    next: str | None = Next


class Entity(BaseModel):
    kb: str
    name: str
    type: str
    types: dict[str, int] = Field(description="mentions typed each way")
    names: dict[str, int] = Field(description="its canonical names in articles, with counts")
    surfaces: dict[str, int] = Field(description="the words of its mentions, with counts")
    scripts: dict[str, dict[str, int]] = Field(description="names and surfaces by script (Cyrillic, Latin…)")
    articles: int
    first: str
    last: str
    timeline: EntityTimeline = Field(description="the first items of its timeline")
    first_report: TimelineItem | None = Field(description="the earliest article that mentions it")
    quotes_by: list[EntityQuote] = Field(description="the first quotes it is the speaker of")
    quotes_about: list[EntityQuote] = Field(description="the first quotes by others that mention it")
    events: list[EntityEvent] = Field(description="the first event mentions it is an actor or recipient of, by article")
    chronicle_events: list[EventRow] = Field(description="the first chronicle events it is an actor or recipient of")
    sources: list[SourceRow] = Field(description="the sources most cited by the articles that mention it")
    related: EntityRelated = Field(description="entities most often in the same articles")


class RelatedPage(BaseModel):
    entity: EntityRef
    items: list[EntityRow]
    next: str | None = Next


class Reading(BaseModel):
    """An article's reading, as `hronika show --json` prints it (docs/LAYERS.md: every layer)."""
    model_config = ConfigDict(extra="allow")
    id: str
    date: str
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    text: str
    entities: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    timexes: list[dict[str, Any]] = []
    posts: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []


class Error(BaseModel):
    detail: str
    status: int
    errors: list[dict[str, Any]] | None = Field(None, description="422: each malformed parameter")


class Home(BaseModel):
    storylines: list[StorylineRow] = Field(description="the largest storylines (more: /storylines.json)")
    store: StoreSummary
    articles: ArticlesPage = Field(description="the newest articles (more: /articles.json)")
    entities: EntitiesPage = Field(description="the most mentioned entities (more: /entities.json)")


for _m in (SearchPage, TimelineItem, StorylineItem, Storyline, TimelinePage, Entity, EntityTimeline):
    _m.model_rebuild()
