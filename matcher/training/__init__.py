"""Fine-tuning and promotion (the ``train`` extra): pairs from the corpus and feedback
(:mod:`.data`), the run (:mod:`.run`), measurement and calibration (:mod:`.measure`,
:mod:`.calibration`), the promotion guard (:mod:`.guard`, :mod:`.promote`) and
``firstaid models ensure`` (:mod:`.ensure`)."""
