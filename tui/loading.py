"""Loading the repository behind the screens, and loading it again (`r`).

The first load shows what it has as it goes: the root files first (the advisors, local governments
and themes lists are usable from then on), then the meetings newest first, a few at a time between
looks at the keyboard; then the references between files are resolved, the cross-reference index
built (in a thread) and every list given its rows. Files are read through the model cache
(schema.load.modelcache): a start on an unchanged repository reads JSON instead of checking TOML, and
the cache is written back in a thread once everything is shown.

A reload builds the new read model beside the one on screen (files whose stat did not change keep
their model) and swaps it in at the end, so that the screens stay usable meanwhile.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from typing import TYPE_CHECKING

from schema.files.journal import finished, recover
from schema.load.loader import LoadResult, RepositoryLoader
from schema.load.modelcache import ModelCache
from schema.read.xref import CrossIndex, build_index
from tui.changes import Change
from tui.data import failure

if TYPE_CHECKING:
    from tui.app import DaichoApp

FIRST_STEP = 60
"""Meeting files loaded before the first screen shows its meetings (a screenful of the newest)."""
SLICE = 0.025
"""Seconds of loading between two looks at the keyboard while the rest loads."""
UPDATE_EVERY = 0.25
"""Seconds between two updates of the meetings list while meetings load."""
WATCH_EVERY = 2.0
"""Seconds between two looks at the files on disk (for changes made outside the interface)."""
COLLECT_EVERY = 50_000
"""Objects made (net) between two young-generation collections once loaded; Python's default,
700, ran a collection every few rows drawn and an older one every few keys (2–25 ms each, about a
tenth of a filter keystroke's time on a nationwide repository)."""


class Loading:
    """The app's loads: the first one, reloads, and the watch for files changed on disk."""

    def __init__(self, app: DaichoApp) -> None:
        self.app = app
        self.stopping = threading.Event()
        self.saving: threading.Thread | None = None
        self.reloading = False
        self.changed_on_disk: list[str] = []
        """Files changed on disk since the last load (the app offers to reload)."""
        self.thresholds: tuple[int, int, int] | None = None
        """The collector's thresholds before the session changed them (restored on leaving)."""

    # -- the first load ------------------------------------------------------------------------

    async def first(self) -> None:
        app = self.app
        data = app.data
        # Loading makes millions of objects and no garbage: collecting meanwhile only walks them
        # again and again (about a third of the loading time on a nationwide repository).
        gc.disable()
        try:
            self._finish_interrupted_save()
            data.cache = ModelCache(data.repo)
            loader = RepositoryLoader(data.repo, cache=data.cache, keep_sources=False)
            loader.load_roots()
            data.records = loader.records
            data.roots_ready = True
            app.publish(Change("roots"))
            pending: list[str] = []
            shown_at = 0.0
            count = FIRST_STEP
            while not loader.done:
                started = time.monotonic()
                while not loader.done and (time.monotonic() - started < SLICE or count):
                    pending += loader.step(count or 8)
                    count = 0
                app.progress = (loader.loaded_meetings, loader.total_meetings)
                # Show what loaded at once the first time, then a few times a second: every
                # update costs a frame, and the keyboard is looked at between steps anyway.
                if not shown_at or time.monotonic() - shown_at > UPDATE_EVERY or loader.done:
                    app.publish(Change("meetings", tuple(pending)))
                    pending, shown_at = [], time.monotonic()
                await asyncio.sleep(0)
            result = loader.finish()
            index = await asyncio.to_thread(build_index, result.records)
        except Exception as exc:  # a loader bug: show what loaded and say so, never crash
            result = LoadResult(data.records, [failure(exc, app.cat)])
            index = CrossIndex()
        finally:
            gc.enable()
        self._show(result, index)
        await self._after_frame()
        self.save_cache()
        await self._prebuild()

    def _finish_interrupted_save(self) -> None:
        """A save of several files that a killed process left halfway is finished or rolled back
        (schema.files.journal) before anything is read, and the notice says which."""
        done = recover(self.app.data.repo)
        if done is not None:
            self.app.notify(self.app.cat.render(done), severity="information" if finished(done) else "warning",
                            timeout=15)

    async def _prebuild(self) -> None:
        """Every list's rows built in a thread; then they, like the records, stay for the session:
        frozen, the collector no longer walks them (a full collection took 16 ms instead of
        0.4 ms on a nationwide repository)."""
        await asyncio.to_thread(self.app.listing.prebuild, self.stopping)
        gc.freeze()

    async def _after_frame(self) -> None:
        """Until the screen has been drawn: work in a thread holds the interpreter's lock often
        enough to delay a frame by a good part of a second."""
        drawn = asyncio.Event()
        self.app.call_after_refresh(drawn.set)
        await drawn.wait()

    def _show(self, result: LoadResult, index: CrossIndex) -> None:
        app = self.app
        app.data.complete(result.records, result.problems, {}, index)
        # The records stay for the whole session: keep the collector from walking them again
        # and again (a full collection of a nationwide repository takes about 0.4 s).
        gc.freeze()
        if self.thresholds is None:
            self.thresholds = gc.get_threshold()
            gc.set_threshold(COLLECT_EVERY, *self.thresholds[1:])
        app.publish(Change("loaded"))

    def save_cache(self) -> None:
        """Write the cache in a thread (the interface does not wait for it; leaving does)."""
        cache = self.cache
        if cache is None or not cache.dirty:
            return
        self.saving = threading.Thread(target=cache.save, name="daicho-cache", daemon=False)
        self.saving.start()

    @property
    def cache(self) -> ModelCache | None:
        """The model cache the repository is loaded through: the read model's, which a save loads
        again through too."""
        return self.app.data.cache

    # -- reloading -----------------------------------------------------------------------------

    async def reload(self) -> bool:
        """Load the repository again, checking only the files that changed; False when a load is
        under way already."""
        app = self.app
        if self.reloading or not app.data.ready:
            return False
        self.reloading = True
        try:
            cache = app.data.cache = app.data.cache or ModelCache(app.data.repo)

            def load() -> tuple[LoadResult, CrossIndex]:
                loader = RepositoryLoader(app.data.repo, cache=cache, keep_sources=False)
                loader.load_roots()
                result = loader.finish()
                return result, build_index(result.records)

            gc.disable()
            try:
                result, index = await asyncio.to_thread(load)
            except Exception as exc:  # a loader bug: keep what is shown and say so
                result, index = LoadResult(app.data.records, [failure(exc, app.cat)]), app.data.index
            finally:
                gc.enable()
            gc.unfreeze()
            self.changed_on_disk = []
            self._show(result, index)
            await self._after_frame()
            self.save_cache()
            await self._prebuild()
        finally:
            self.reloading = False
        return True

    # -- files changed on disk -----------------------------------------------------------------

    def changed(self) -> list[str]:
        """Data files changed on disk since the last load (a stat of each; run in a thread)."""
        cache = self.cache
        if cache is None or not self.app.data.ready or self.reloading:
            return []
        return cache.changed()

    def stop(self) -> None:
        """The app is leaving: work left in threads (rows built ahead) is not waited for; a cache
        being written is (it takes a fraction of a second). The collector's thresholds are put
        back as they were. Called again when the app unmounts: what is done is not done twice."""
        self.stopping.set()
        if self.thresholds is not None:
            gc.set_threshold(*self.thresholds)
            self.thresholds = None
        if self.saving is not None:
            self.saving.join(5)
