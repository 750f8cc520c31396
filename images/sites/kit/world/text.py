"""Believable review and question text for seeding, chosen with the seed's rng."""

from __future__ import annotations

import random

__all__ = ["review_text", "question_text", "answer_text"]

_TITLES = {
    5: [
        "Absolutely love it",
        "Best purchase this year",
        "Exceeded my expectations",
        "Worth every penny",
        "Fantastic quality",
        "Highly recommend",
    ],
    4: [
        "Very good, minor quibbles",
        "Solid choice",
        "Great value",
        "Does the job well",
        "Happy with it",
    ],
    3: ["It's okay", "Decent but not great", "Mixed feelings", "Average for the price"],
    2: ["Disappointed", "Not what I expected", "Had issues after a few weeks"],
    1: ["Stopped working", "Would not buy again", "Returned it", "Poor quality"],
}
_BODY = {
    5: [
        "Setup took five minutes and it has worked flawlessly since. {p}",
        "I compared several options and this one is clearly the best. {p}",
        "Build quality is excellent and it feels premium. {p}",
        "Bought this to replace an older model and the difference is night and day. {p}",
    ],
    4: [
        "Really good overall. {p} Only wish the documentation was better.",
        "Does everything I need. {p} Packaging could be less wasteful.",
        "Great product for the price. {p} Took a while to get used to it.",
    ],
    3: [
        "It works, but nothing special. {n}",
        "Fine for everyday use. {n} {p}",
        "Some things I like, some I don't. {n}",
    ],
    2: [
        "{n} Customer support was slow to answer.",
        "Expected more at this price. {n}",
        "{n} I am considering returning it.",
    ],
    1: [
        "Arrived with a defect and the replacement had the same problem. {n}",
        "{n} Stopped working after a month.",
        "Very poor experience. {n}",
    ],
}
_POSITIVE = {
    "laptops": "Battery easily lasts a full workday and the screen is bright.",
    "monitors": "Colors are accurate out of the box and text is crisp.",
    "keyboards": "Typing feel is superb and the keys are nicely stable.",
    "mice": "Tracking is precise and it is comfortable for long sessions.",
    "headphones": "Noise cancelling is excellent and the sound is balanced.",
    "phones": "The camera takes great photos even at night.",
    "tablets": "Perfect for reading and taking notes with the pen.",
    "cameras": "Autofocus is fast and the image quality is stunning.",
    "printers": "Prints are sharp and wireless setup was painless.",
    "storage": "Transfer speeds match the spec sheet.",
    "networking": "Coverage reaches every room now, no more dead spots.",
    "accessories": "Feels well made and does exactly what it says.",
    "smartwatches": "Sleep and workout tracking are accurate.",
    "speakers": "Sound is full and clear even at high volume.",
}
_NEGATIVE = {
    "laptops": "The fan gets loud under load and the chassis runs warm.",
    "monitors": "There is noticeable backlight bleed in the corners.",
    "keyboards": "A couple of keys started double typing.",
    "mice": "The scroll wheel feels loose and the side buttons rattle.",
    "headphones": "They get uncomfortable after an hour.",
    "phones": "Battery life is weaker than advertised.",
    "tablets": "The screen scratches easily and it lags with many apps open.",
    "cameras": "Battery drains quickly when shooting video.",
    "printers": "The ink runs out way too fast.",
    "storage": "It gets hot and throttles during long transfers.",
    "networking": "The connection drops a few times a day.",
    "accessories": "The finish wore off within weeks.",
    "smartwatches": "The heart rate readings are often off.",
    "speakers": "Bluetooth pairing is unreliable.",
}
_QUESTIONS = {
    "laptops": [
        "Can the RAM be upgraded later?",
        "Does it support charging over USB-C?",
        "How many external monitors can it drive?",
        "Is the keyboard backlit?",
    ],
    "monitors": [
        "Does it come with a VESA mount adapter?",
        "Is the stand height adjustable?",
        "Does USB-C charge a laptop while connected?",
        "Are speakers built in?",
    ],
    "keyboards": [
        "Does it work with a Mac?",
        "Are the keycaps PBT or ABS?",
        "Is there a UK layout version?",
        "Can I remap the keys without software?",
    ],
    "mice": [
        "Is it suitable for left-handed users?",
        "Can it pair with two computers?",
        "How long does the battery last?",
        "Does it work on glass?",
    ],
    "headphones": [
        "Can I use them with a wired cable on a plane?",
        "Do they fold flat?",
        "Is there multipoint Bluetooth?",
        "Do they work well for calls?",
    ],
    "phones": [
        "Is this the unlocked version?",
        "Does it support eSIM?",
        "Is a charger included in the box?",
        "How many years of updates will it get?",
    ],
    "tablets": [
        "Is the pen included?",
        "Can it connect to an external display?",
        "Does it support a keyboard case?",
        "Is there a headphone jack?",
    ],
    "cameras": [
        "Is the battery charged over USB-C?",
        "Does it have weather sealing?",
        "Which SD cards do you recommend?",
        "Can it record without a time limit?",
    ],
    "printers": [
        "Does it print double-sided automatically?",
        "Does it work with AirPrint?",
        "Are starter cartridges included?",
        "Can it scan to email?",
    ],
    "storage": [
        "Does it come with a heatsink?",
        "Is it compatible with the PS5?",
        "Does it include cloning software?",
        "What is the TBW rating?",
    ],
    "networking": [
        "Does it support WPA3?",
        "Can I use it as an access point only?",
        "Is there a parental controls app?",
        "Does it support VLANs?",
    ],
    "accessories": [
        "Is it compatible with MacBook Pro?",
        "What is included in the box?",
        "Does it get hot during use?",
        "Is there a warranty?",
    ],
    "smartwatches": [
        "Does it work with Android phones?",
        "Can I swim with it?",
        "Does it have offline maps?",
        "Can I answer calls on it?",
    ],
    "speakers": [
        "Can two of them be paired for stereo?",
        "Does it support AirPlay 2?",
        "Can it be used while charging?",
        "Is there an aux input?",
    ],
}
_ANSWERS = [
    "Yes, it does. You can find details in the specifications tab.",
    "No, unfortunately not. It is not supported by this model.",
    "Yes. The manufacturer confirms it and our customers report it works well.",
    "It depends on your setup; please check the compatibility notes in the manual.",
    "Yes, everything you need is included in the box.",
    "Not out of the box, but a firmware update adds this feature.",
]


def review_text(rng: random.Random, category: str, rating: int) -> tuple[str, str]:
    """(title, body) for a review with ``rating`` stars of a product in ``category``."""
    title = rng.choice(_TITLES[rating])
    body = rng.choice(_BODY[rating]).format(p=_POSITIVE[category], n=_NEGATIVE[category])
    return title, body


def question_text(rng: random.Random, category: str) -> str:
    """A typical customer question for ``category``."""
    return rng.choice(_QUESTIONS[category])


def answer_text(rng: random.Random) -> str:
    """A staff answer."""
    return rng.choice(_ANSWERS)
