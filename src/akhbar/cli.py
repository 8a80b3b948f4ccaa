"""The ``akhbar`` command line. Arguments become a Settings object here, once; the work is done by
``akhbar.service``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from akhbar import service
from akhbar.config import Settings, load_settings
from akhbar.errors import AkhbarError
from akhbar.types import Article, Entity

app = typer.Typer(
    name="akhbar",
    help="Group Arabic news from many outlets into stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Outside a terminal rich would wrap at 80 columns; Arabic titles need more room.
console = Console(width=None if sys.stdout.isatty() else 140, soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite database file (default ./akhbar.db, or AKHBAR_DB).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print UTF-8 JSON instead of a table.")]


class RichProgress:
    """Draws service progress as a rich progress bar (on stderr, so --json output stays clean)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Progress | None = None
        self.task: Any = None

    def start(self, description: str, total: int | None) -> None:
        if not self.enabled:
            return
        self.stop()
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn() if description.startswith("grouping") else TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=errors,
            transient=False,
        )
        self.bar.start()
        self.task = self.bar.add_task(description, total=total)

    def advance(self, amount: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, amount)

    def describe(self, description: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=description)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _settings(db: Path | None) -> Settings:
    return load_settings(db=db)


def _fail(message: str) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(2)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _span(first: datetime | None, last: datetime | None) -> str:
    if first is None:
        return "undated"
    if last is None or last == first:
        return first.strftime("%Y-%m-%d %H:%M")
    if last.date() == first.date():
        return f"{first:%Y-%m-%d %H:%M}–{last:%H:%M}"
    return f"{first:%Y-%m-%d} → {last:%Y-%m-%d}"


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "published": _iso(article.published),
        "event_id": article.event_id,
    }


def _story_json(view: service.StoryView, with_text: bool = False) -> dict[str, Any]:
    story = view.story
    articles = []
    for article in view.articles:
        item = _article_json(article)
        if with_text:
            item["author"] = article.author
            item["text"] = article.text
        articles.append(item)
    return {
        "id": story.id,
        "title": story.title,
        "size": story.article_count,
        "sources": list(story.sources),
        "first_published": _iso(story.first_published),
        "last_published": _iso(story.last_published),
        "articles": articles,
    }


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns to read.")],
    db: DbOption = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Outlet name for inputs that do not carry one.")
    ] = None,
    no_cluster: Annotated[bool, typer.Option("--no-cluster", help="Store only; group into stories later.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read articles (text, JSONL, SaudiNewsNet zip), clean and store them, then group them into stories."""
    settings = _settings(db)
    try:
        summary = service.ingest(
            paths, settings, source=source, progress=RichProgress(sys.stderr.isatty()), cluster_after=not no_cluster
        )
    except AkhbarError as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json(
            {
                "read": summary.read,
                "stored": summary.stored,
                "already_present": summary.already_present,
                "rejected": summary.rejected,
                "clustered": summary.clustered,
                "seconds": round(summary.seconds, 3),
                "reasons": dict(summary.reasons),
                "examples": [{"origin": r.origin, "stage": r.stage, "reason": r.reason} for r in summary.examples],
            }
        )
        return
    table = Table(title=f"ingest into {settings.db}", show_header=False, title_justify="left")
    table.add_row("read", f"{summary.read:,}")
    table.add_row("stored", f"{summary.stored:,}")
    table.add_row("already present", f"{summary.already_present:,}")
    table.add_row("rejected", f"{summary.rejected:,}")
    table.add_row("grouped into stories", f"{summary.clustered:,}")
    table.add_row("seconds", f"{summary.seconds:.1f}")
    console.print(table)
    if summary.reasons:
        console.print("[bold]rejected, by reason[/]")
        for reason, count in summary.reasons:
            console.print(f"  {count:>7,}  {reason}", highlight=False)
        console.print("[bold]first rejections[/]")
        for rejection in summary.examples:
            console.print(f"  {rejection.origin}: {rejection.reason}", highlight=False)


@app.command()
def cluster(
    db: DbOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget all stories and group every article again.")
    ] = False,
) -> None:
    """Group articles that are not in a story yet (ingest does this by default)."""
    settings = _settings(db)
    try:
        summary = service.cluster(settings, rebuild=rebuild, progress=RichProgress(sys.stderr.isatty()))
    except AkhbarError as exc:
        _fail(str(exc))
        return
    console.print(
        f"grouped {summary.assigned:,} articles; {summary.new_stories:,} new stories; "
        f"{summary.stories:,} stories in all ({summary.seconds:.1f} s)"
    )


@app.command()
def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many stories, newest first.")] = 20,
    source: Annotated[
        str | None, typer.Option("--source", help="Only stories with an article from this outlet.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List stories, newest first."""
    settings = _settings(db)
    try:
        views = service.list_stories(settings, limit, source=source)
    except AkhbarError as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json([_story_json(v) for v in views])
        return
    table = Table(title=f"stories in {settings.db}", title_justify="left", expand=True)
    table.add_column("id", no_wrap=True, min_width=17)
    table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("outlets", max_width=30, overflow="fold")
    table.add_column("time span", no_wrap=True)
    for view in views:
        row = view.story
        table.add_row(
            row.id,
            row.title,
            str(row.article_count),
            ", ".join(row.sources),
            _span(row.first_published, row.last_published),
        )
    console.print(table)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="Story id, as listed by 'akhbar stories'.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story and its articles."""
    settings = _settings(db)
    try:
        view = service.get_story(settings, story_id)
    except AkhbarError as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json(_story_json(view, with_text=True))
        return
    row = view.story
    console.print(f"[bold]{row.title}[/]", highlight=False)
    console.print(
        f"{row.id} · {row.article_count} articles · {', '.join(row.sources)} · "
        f"{_span(row.first_published, row.last_published)}",
        highlight=False,
    )
    table = Table(show_lines=False, expand=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", no_wrap=True)
    table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("id", no_wrap=True, min_width=17)
    for article in view.articles:
        table.add_row(_span(article.published, None), article.source, article.title or article.text[:80], article.id)
    console.print(table)


QUOTE_KINDS = {"direct": "direct", "indirect": "reported"}
WORDING_CHARS = 90


def _quote_json(view: service.QuoteView) -> dict[str, Any]:
    quote = view.quote
    return {
        "article": {"id": quote.article_id, "source": view.source, "title": view.title},
        "published": _iso(view.published),
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_entity_id": quote.speaker_entity_id,
        "channel": quote.channel,
        "text": view.text,
        "group": view.group_id,
    }


def _shorten(text: str, limit: int = WORDING_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@app.command()
def quotes(
    db: DbOption = None,
    story: Annotated[str | None, typer.Option("--story", help="Only the quotes of this story.")] = None,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Only quotes whose speaker contains NAME (or NAME contains), normalized."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=service.MAX_QUOTES, help="How many quotes, newest articles first.")
    ] = 50,
    as_json: JsonOption = False,
) -> None:
    """List who said what: quotes and reported speech, with speaker, channel and outlet."""
    settings = _settings(db)
    try:
        views = service.list_quotes(settings, story_id=story, speaker=speaker, limit=limit)
    except AkhbarError as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json([_quote_json(v) for v in views])
        return
    where = " · ".join(part for part in (story and f"story {story}", speaker and f"speaker {speaker}") if part)
    title = f"quotes in {settings.db}" + (f" ({where})" if where else "")
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("speaker", max_width=28, overflow="fold")
    table.add_column("channel", max_width=16, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("outlet", no_wrap=True)
    table.add_column("wording", ratio=1, overflow="fold")
    table.add_column("article", no_wrap=True, min_width=17)
    for view in views:
        quote = view.quote
        table.add_row(
            quote.speaker or "—",
            quote.channel or "",
            QUOTE_KINDS.get(quote.kind, quote.kind),
            view.source,
            _shorten(view.text),
            quote.article_id,
        )
    console.print(table)
    if not views:
        console.print("no quotes found", highlight=False)


ENTITY_KINDS = {"PERS": "person", "LOC": "place", "ORG": "organisation", "MISC": "other"}


def _entity_json(entity: Entity, mentions: int | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "variants": list(entity.variants),
        "roles": list(entity.roles),
    }
    if mentions is not None:
        item["mentions"] = mentions
    return item


@app.command()
def entities(
    db: DbOption = None,
    story: Annotated[str | None, typer.Option("--story", help="Only the entities of this story.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Only entities with a name containing NAME (normalized).")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=service.MAX_ENTITIES, help="How many, most mentioned first.")
    ] = 50,
    as_json: JsonOption = False,
) -> None:
    """List people, places and organisations, most mentioned first (of one story with --story)."""
    settings = _settings(db)
    try:
        counts = service.list_entities(settings, story_id=story, limit=limit, query=name)
    except AkhbarError as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json([_entity_json(c.entity, c.mentions) for c in counts])
        return
    where = " · ".join(part for part in (story and f"story {story}", name and f"name {name}") if part)
    table = Table(title=f"entities in {settings.db}" + (f" ({where})" if where else ""), title_justify="left")
    table.add_column("id", no_wrap=True, min_width=17)
    table.add_column("name", max_width=30, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("also written", ratio=1, overflow="fold")
    table.add_column("roles", ratio=1, overflow="fold")
    for count in counts:
        entity = count.entity
        table.add_row(
            entity.id,
            entity.name,
            ENTITY_KINDS.get(entity.kind, entity.kind),
            str(count.mentions),
            "، ".join(v for v in entity.variants if v != entity.name),
            "، ".join(entity.roles),
        )
    console.print(table)
    if not counts:
        console.print("no entities found (mentions are linked after clustering)", highlight=False)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="An entity id, or a name in any spelling (الكاظمى, بايدن).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one entity: its variants, roles and the stories it appears in over time."""
    settings = _settings(db)
    try:
        view = service.get_entity(settings, name)
    except AkhbarError as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json(
            {
                **_entity_json(view.entity, view.mentions),
                "stories": [
                    {
                        "id": item.story.id,
                        "title": item.story.title,
                        "mentions": item.mentions,
                        "first": _iso(item.first),
                        "last": _iso(item.last),
                    }
                    for item in view.stories
                ],
                "others": [_entity_json(other.entity, other.mentions) for other in view.others],
            }
        )
        return
    entity = view.entity
    console.print(f"[bold]{entity.name}[/]", highlight=False)
    console.print(
        f"{entity.id} · {ENTITY_KINDS.get(entity.kind, entity.kind)} · {view.mentions} mentions "
        f"in {len(view.stories)} stories",
        highlight=False,
    )
    if len(entity.variants) > 1:
        console.print("also written: " + "، ".join(v for v in entity.variants if v != entity.name), highlight=False)
    if entity.roles:
        console.print("roles: " + "؛ ".join(entity.roles), highlight=False)
    table = Table(expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("story", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("id", no_wrap=True, min_width=17)
    for item in view.stories:
        table.add_row(_span(item.first, item.last), str(item.mentions), item.story.title, item.story.id)
    console.print(table)
    for other in view.others:
        console.print(
            f"another entity of that name: {other.entity.name} ({other.entity.id}, {other.mentions} mentions)",
            highlight=False,
        )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind; 127.0.0.1 = this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept POST /api/ingest; needs AKHBAR_API_TOKEN (16+ characters).")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (one per core helps under load).")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", help="No log line per request.")] = False,
) -> None:
    """Serve the Arabic web pages and the JSON API (default http://127.0.0.1:8000)."""
    from akhbar.api import serve as run_server

    try:
        run_server(
            _settings(db),
            host=host,
            port=port,
            allow_ingest=allow_ingest,
            api_token=os.environ.get("AKHBAR_API_TOKEN"),
            workers=workers,
            log_level="warning" if quiet else "info",
            access_log=not quiet,
        )
    except AkhbarError as exc:
        _fail(str(exc))


eval_app = typer.Typer(
    help="Measure akhbar against labelled data (JSON contracts used by other tools).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


@eval_app.command("stories")
def eval_stories(
    file: Annotated[Path, typer.Argument(help="JSONL: id, source, url, published, title, text, story[, event].")],
    level: Annotated[str, typer.Option("--level", help="story or event.")] = "story",
    as_json: JsonOption = False,
) -> None:
    """Cluster the articles of FILE from scratch, in time order, and score against the gold groups."""
    from akhbar.eval.stories import LEVELS, evaluate_stories

    if level not in LEVELS:
        _fail(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
    _run_eval(lambda: evaluate_stories(file, level, _settings(None)), as_json, f"{level} clustering of {file}")  # type: ignore[arg-type]


@eval_app.command("pairs")
def eval_pairs(
    file: Annotated[Path, typer.Argument(help="JSONL: title1, text1, title2, text2, Overall (SemEval-2022 Task 8).")],
    as_json: JsonOption = False,
) -> None:
    """Correlate the clustering scorer's similarity with human similarity ratings."""
    from akhbar.eval.pairs import evaluate_pairs

    _run_eval(lambda: evaluate_pairs(file, _settings(None)), as_json, f"pair similarity on {file}")


@eval_app.command("quotes")
def eval_quotes(
    file: Annotated[Path, typer.Argument(help="JSONL: id, title, text, quotes [{start, end, speaker, kind}].")],
    as_json: JsonOption = False,
) -> None:
    """Score quote extraction (direct and indirect, with speakers) against annotated articles."""
    from akhbar.eval.quotes import evaluate_quotes

    def flatten(result: dict[str, Any]) -> dict[str, Any]:
        flat = {
            f"{kind} {name}": result[kind][name]
            for kind in ("direct", "indirect")
            for name in ("precision", "recall", "f1")
        }
        return {**flat, "speaker_accuracy": result["speaker_accuracy"]}

    _run_eval(lambda: evaluate_quotes(file), as_json, f"quotes in {file}", flatten)


@eval_app.command("ner")
def eval_ner(
    file: Annotated[Path, typer.Argument(help="CoNLL: 'token TAG' per line, IOB2, blank line between sentences.")],
    as_json: JsonOption = False,
) -> None:
    """Tag FILE's tokens with the shipped model and score entity-level exact matches (conlleval rules)."""
    from akhbar.eval.ner import evaluate_ner

    def flatten(result: dict[str, Any]) -> dict[str, Any]:
        flat = {key: value for key, value in result.items() if key != "per_type"}
        return flat | {f"{kind} f1": scores["f1"] for kind, scores in result["per_type"].items()}

    _run_eval(lambda: evaluate_ner(file), as_json, f"named entities in {file}", flatten)


train_app = typer.Typer(help="Rebuild the models that ship inside the package.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    out: Annotated[Path, typer.Option("--out", help="Where to write the model archive (.zip).")],
    data_dir: Annotated[Path, typer.Option("--data-dir", help="The development data folder.")] = Path("../shared/data"),
    seed: Annotated[int, typer.Option("--seed", help="Random seed (the shipped model uses 0).")] = 0,
) -> None:
    """Train the CRF named-entity model from ANERcorp and the gazetteers; same inputs, same file."""
    from akhbar.train.ner import train

    try:
        meta = train(out, data_dir, seed=seed)
    except (AkhbarError, OSError) as exc:
        _fail(str(exc))
        return
    _print_json(meta)


@train_app.command("quote-regions")
def train_quote_regions(
    out: Annotated[Path, typer.Option("--out", help="Where to write the scorer (.json).")],
    data_dir: Annotated[Path, typer.Option("--data-dir", help="The development data folder.")] = Path("../shared/data"),
) -> None:
    """Train the quotation-region scorer from the annotated quote sets; same inputs, same file."""
    from akhbar.train.quote_regions import train

    try:
        meta = train(out, data_dir)
    except (AkhbarError, OSError) as exc:
        _fail(str(exc))
        return
    _print_json(meta)


def _run_eval(
    compute: Callable[[], Mapping[str, Any]],
    as_json: bool,
    title: str,
    flatten: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Run an evaluation; print its JSON, or a table (of ``flatten(result)`` when nested)."""
    try:
        result = dict(compute())
    except (AkhbarError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    if as_json:
        _print_json(result)
    else:
        _print_result(flatten(result) if flatten else result, False, title)


def _print_result(result: dict[str, Any], as_json: bool, title: str) -> None:
    if as_json:
        _print_json(result)
        return
    table = Table(title=title, show_header=False, title_justify="left")
    for key, value in result.items():
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)


def main() -> None:
    try:
        app()
    except AkhbarError as exc:  # raised outside a command (settings, paths)
        errors.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
