"""Optional speed-ups for hundreds of messages a second, all behind the ``SPEEDUPS`` setting.

- :mod:`.worker`: :class:`~.worker.MatchWorker`, the batching answerer (same
  interface as :class:`bot.service.ThreadAnswerer`), with matching in a child
  process (:mod:`.match_process`);
- :mod:`.gc_freeze`: start-up objects kept out of the garbage collector's full passes.

The other two live where their layer does: group commit in :mod:`storage.batching`
(``Store.open(batch_writes=True)``) and the aiohttp transport in
:mod:`bot.telegram.transport`. With ``SPEEDUPS`` off none of this runs.
"""
