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


class Home(BaseModel):
    store: StoreSummary
    articles: ArticlesPage = Field(description="the newest articles (more: /articles.json)")
    entities: EntitiesPage = Field(description="the most mentioned entities (more: /entities.json)")


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
    items: list[SearchHit]
    next: str | None = Next


class Sentence(BaseModel):
    text: str
    start: int = Field(description="its offset in the article")
    marks: list[list[int]] = Field(description="the entity's mentions in it, [start, end] in the sentence")


class EntityArticle(BaseModel):
    id: str
    date: str
    title: str | None
    lead: str
    lang: str | None
    mentions: int = Field(description="the entity's mentions in this article")
    sentence: Sentence | None = Field(description="the sentence of its first mention")


class EntityArticlesPage(BaseModel):
    items: list[EntityArticle]
    next: str | None = Next


class EntityRelated(BaseModel):
    items: list[EntityRow]
    next: str | None = Field(description="more at /related.json?entity=KEY")


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
    mentioned_in: EntityArticlesPage = Field(description="articles by date; pages with `cursor`")
    related: EntityRelated = Field(description="entities most often in the same articles")


class EntityRef(BaseModel):
    kb: str
    name: str
    type: str


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
