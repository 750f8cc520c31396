# ruff: noqa: E501  (mail prose reads better unwrapped)
"""Friends and family: circles of customers writing to each other about their lives.

Customers are grouped into circles of four or five (a seeded shuffle); each circle has a few
threads from the topics below, some with a photo (PNG), an itinerary (TXT) or a cost split (CSV).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..mailbox import NewAttachment
from .files import csv_bytes, png_bytes, text_bytes
from .plan import Step, Thread, reply_subject

__all__ = ["friend_circles", "personal_threads"]

# (subject, opening, replies, attachment kind)
_TOPICS = (
    (
        "Dinner on Friday?",
        "Hi everyone,\n\nIt has been ages! Dinner at our place on Friday around 7? I will make lasagne; someone bring dessert.\n\n{first}",
        (
            "Yes! I'll bring a cheesecake.",
            "Count me in. Can I bring a friend?",
            "Sorry, I'm away this weekend - have fun!",
            "Lovely, see you at 7.",
        ),
        None,
    ),
    (
        "Book club: next pick",
        "Hi all,\n\nFor next month I suggest 'The Overstory' by Richard Powers. Other ideas welcome. Meeting at the library cafe on the 2nd Thursday as usual?\n\n{first}",
        (
            "Great choice, I've wanted to read it.",
            "Could we do something shorter? I'm swamped at work.",
            "Thursday works for me.",
            "I vote for it too.",
        ),
        None,
    ),
    (
        "Hiking weekend - plan",
        "Hey,\n\nHere is the plan for the hiking weekend (also attached). We leave Saturday at 7:00 from my place. Bring rain gear!\n\n{first}",
        (
            "Looks great. I'll bring the stove.",
            "Can we stop for coffee on the way? :)",
            "Do we need our own tents?",
            "I'm in. Should I book the parking?",
        ),
        "itinerary",
    ),
    (
        "Photos from the weekend",
        "Hi!\n\nAttached a few photos from Saturday. The sunset one is my favourite.\n\n{first}",
        (
            "These are beautiful, thank you!",
            "Haha, I look half asleep in the second one.",
            "Can you send the full-size ones?",
            "What a day. Let's do it again soon.",
        ),
        "photo",
    ),
    (
        "Cabin costs - who owes what",
        "Hi all,\n\nI added up the cabin weekend. The split is in the attached sheet; please send your share when you can.\n\n{first}",
        (
            "Sent, thanks for organising!",
            "Transferred just now.",
            "Could you double-check the groceries line? I think I paid the wine.",
            "Paid - thanks!",
        ),
        "split",
    ),
    (
        "Happy birthday!",
        "Happy birthday, {to_first}! Hope you have a wonderful day. Drinks on Saturday?\n\n{first}",
        (
            "Thank you so much! Saturday sounds perfect.",
            "Thanks!! See you then.",
            "Aww, thank you :)",
        ),
        None,
    ),
    (
        "Help with moving on the 20th?",
        "Hi friends,\n\nI'm moving on the 20th and could use a few strong hands from 9 to noon. Pizza and drinks afterwards are on me.\n\n{first}",
        (
            "I can help until 11.",
            "Sure, I'll bring my car.",
            "Sorry, I'm working that day. Good luck!",
            "Count me in.",
        ),
        None,
    ),
    (
        "The recipe you asked for",
        "Hi,\n\nHere is the lemon cake recipe from Sunday (attached). The trick is to not overmix.\n\n{first}",
        ("Thank you! Making it this weekend.", "Yum, thanks!", "Can I use oat milk instead?"),
        "recipe",
    ),
    (
        "Concert tickets",
        "Hey,\n\nI have two spare tickets for the jazz concert at the Merrill Auditorium next Thursday. Anyone interested? $35 each.\n\n{first}",
        ("Yes please, I'll take one!", "Ah, I'm busy Thursday. Enjoy!", "I'll take the other one."),
        None,
    ),
    (
        "Garage sale on Sunday",
        "Hi neighbours and friends,\n\nWe're having a garage sale on Sunday from 9. Books, a bike, kids' clothes and a sofa. Tell your friends!\n\n{first}",
        ("Save the bike for me!", "I'll swing by around 10.", "Is the sofa still available?"),
        None,
    ),
)

_PHOTO_COLORS = (
    ((90, 140, 200), (250, 200, 120)),
    ((40, 90, 60), (170, 210, 140)),
    ((200, 90, 60), (250, 220, 170)),
)


def friend_circles(rng: random.Random, customers: list) -> list[list]:
    """Seeded circles of 4-5 customers (everyone in exactly one circle)."""
    people = sorted(customers, key=lambda p: p.username)
    rng.shuffle(people)
    circles, i = [], 0
    while i < len(people):
        size = 5 if (len(people) - i) % 4 else 4
        circles.append(people[i : i + size])
        i += size
    if len(circles) > 1 and len(circles[-1]) < 3:
        circles[-2].extend(circles.pop())
    return circles


def _attachment(
    kind: str, rng: random.Random, author, circle: list, start: datetime
) -> list[NewAttachment]:
    if kind == "itinerary":
        text = (
            f"Hiking weekend {start + timedelta(days=5):%B %-d}-{start + timedelta(days=6):%-d}\n\n"
            "Saturday\n  07:00 leave from "
            + author.street
            + "\n  09:30 trailhead, Tumbledown Mountain\n"
            "  13:00 lunch at the pond\n  17:00 camp\n\nSunday\n  08:00 breakfast\n  10:00 loop trail\n"
            "  15:00 drive home\n\nPacking: rain jacket, headlamp, 2 l water, snacks, sleeping bag\n"
        )
        return [NewAttachment("itinerary.txt", "text/plain", text_bytes(text))]
    if kind == "photo":
        return [
            NewAttachment(
                f"IMG_{4100 + rng.randint(0, 899)}.png", "image/png", png_bytes(120, 80, *colors)
            )
            for colors in rng.sample(_PHOTO_COLORS, 2)
        ]
    if kind == "split":
        costs = [
            ("Cabin (2 nights)", 420.00),
            ("Groceries", 136.40),
            ("Wine", 58.00),
            ("Gas", 72.60),
        ]
        total = sum(c for _n, c in costs)
        rows = [(n, f"{c:.2f}") for n, c in costs] + [("Total", f"{total:.2f}")]
        rows += [(f"Share {p.display_name}", f"{total / len(circle):.2f}") for p in circle]
        return [NewAttachment("cabin-split.csv", "text/csv", csv_bytes(("item", "amount"), rows))]
    if kind == "recipe":
        text = (
            "Lemon cake\n\n200 g butter, soft\n200 g sugar\n4 eggs\n200 g flour\n2 tsp baking powder\n"
            "Zest and juice of 2 lemons\n\n1. Beat butter and sugar until pale.\n2. Add eggs one by one.\n"
            "3. Fold in flour, baking powder and zest. Do not overmix.\n4. Bake 45 min at 175 C.\n"
            "5. Pour lemon juice mixed with 3 tbsp sugar over the warm cake.\n"
        )
        return [NewAttachment("lemon-cake.txt", "text/plain", text_bytes(text))]
    return []


def personal_threads(rng: random.Random, circles: list[list], now: datetime) -> list[Thread]:
    """Three or four threads per circle, each with one to three replies."""
    threads = []
    for circle in circles:
        for subject, opening, replies, kind in rng.sample(_TOPICS, rng.choice((3, 3, 4))):
            author = rng.choice(circle)
            others = [p for p in circle if p is not author]
            if subject == "Happy birthday!":
                others = [rng.choice(others)]
            start = (now - timedelta(days=rng.randint(1, 120))).replace(
                hour=rng.randint(7, 21), minute=rng.randint(0, 59), second=0
            )
            body = opening.format(first=author.first_name, to_first=others[0].first_name)
            attachments = _attachment(kind, rng, author, circle, start) if kind else []
            steps = [
                Step(
                    start,
                    author.username,
                    [p.username for p in others],
                    subject,
                    body,
                    attachments=attachments,
                )
            ]
            at = start
            for responder, text in zip(
                rng.sample(others, len(others)), rng.sample(replies, len(replies)), strict=False
            ):
                if rng.random() < 0.35 and len(steps) > 1:
                    break
                at = at + timedelta(minutes=rng.randint(15, 600))
                if at >= now:
                    break
                everyone = [p.username for p in circle if p is not responder]
                steps.append(
                    Step(
                        at,
                        responder.username,
                        everyone,
                        reply_subject(subject),
                        f"{text}\n\n{responder.first_name}",
                    )
                )
            threads.append(Thread("personal", steps, {"author": author.username}))
    return threads
