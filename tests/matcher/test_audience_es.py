"""Who a Spanish message is about (matcher/audience.py): the same audiences as English."""

from __future__ import annotations

import pytest

from matcher.audience import audience_of
from matcher.corpus import Audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # A baby: under one year, by age or by word.
        ("mi bebé de 8 meses no respira", "baby"),
        ("mi bebe de 8 meses se atraganto", "baby"),
        ("recién nacido atragantado con la leche", "baby"),
        ("mi hijo de 3 semanas tiene fiebre", "baby"),
        ("tiene 10 días de vida y no quiere comer", "baby"),
        ("RCP a un lactante, cómo se hace", "baby"),
        ("la guagua se atoró con un pedazo de pan", "baby"),
        ("mi wawa tiene fiebre", "baby"),
        ("mi niña tiene 6 meses y se cayó de la cama", "baby"),
        ("mi sobrina de un mes no para de llorar", "baby"),
        ("el bebé se ahoga", "baby"),
        # A child: one year to twelve, by age or by word.
        ("mi hijo de 3 años se atraganta con una uva", "child"),
        ("mi hija de 18 meses se tragó una moneda", "child"),
        ("RCP a un niño de 6 años, qué profundidad", "child"),
        ("mi hija tiene dos años y se quemó la mano", "child"),
        ("la nena se golpeó la cabeza", "child"),
        ("el niño no respira", "child"),
        ("el chamaco se cortó con un vidrio", "child"),
        ("el pibe se cayó de la bici", "child"),
        ("mi nieto se tragó una pila", "child"),
        ("el peque tiene fiebre", "child"),
        ("tiene 4 y no respira", "child"),
        # An adult by default, even named by relation.
        ("mi hijo tiene 15 años y se desmayó en el fútbol", "adult"),
        ("mi papá se desplomó y no respira", None),
        ("mi hijo se quemó la mano", None),
        ("hace 3 años me operaron y ahora me duele", None),
        ("lleva más de 2 meses con tos", None),
        ("tengo fiebre de 3 días", None),
        ("me caí en la guagua y me duele la rodilla", None),
        ("mi hijo bebe mucha agua", None),
        ("lleva 10 minutos convulsionando", None),
        # Pregnant, before any age in weeks.
        ("mi esposa embarazada se está atragantando", "pregnant"),
        ("estoy embarazada de 30 semanas y me mareo", "pregnant"),
        ("tengo 20 semanas de embarazo y me caí", "pregnant"),
        ("estoy embarazada y mi niño de 2 años se tragó una moneda", "child"),
        # An older person.
        ("mi abuela se cayó y se golpeó la cabeza", "older"),
        ("mi abuelito no reacciona", "older"),
        ("una señora mayor se desmayó en la calle", "older"),
        ("mi papá tiene 82 y se cayó en el jardín", "older"),
        ("mi padre de 70 años tiene dolor en el pecho", "older"),
        ("un anciano se cayó en el parque", "older"),
    ],
)
def test_audience_of_a_spanish_message(text: str, audience: Audience | None) -> None:
    assert audience_of(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("my daughter Nina fell off the swing", None),
        ("my son is 15 and collapsed at football", None),
        ("grandma fell and hit her head", "older"),
        ("my 8 month old is not breathing", "baby"),
    ],
)
def test_english_messages_read_as_before(text: str, audience: Audience | None) -> None:
    assert audience_of(text) == audience
