"""Set-of-marks: element ids drawn on the screenshot where the elements are (real page, real env).

``screenshot_som`` is the screenshot with a box and an id label per visible interactive element;
``elements`` lists the same marks as JSON. The boxes must be the elements' real boxes, the ids
the env's own (those of the axtree and of element actions), and nothing else may change.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from guigym.envs.web.set_of_marks import Mark, color_of, draw_marks
from helpers import eid


def test_draw_marks_boxes_and_labels_on_a_blank_image() -> None:
    image = np.full((100, 200, 3), 255, dtype=np.uint8)
    marks = [Mark("e7", "button", "OK", 50, 40, 60, 30), Mark("e12", "link", "Top", 0, 0, 40, 20)]
    out = draw_marks(image, marks)
    assert out.shape == image.shape and out.dtype == np.uint8
    assert (image == 255).all()  # the input is not drawn on
    red = np.array(color_of("e7"))
    assert (out[55, 50] == red).all() and (out[55, 109] == red).all()  # left and right edges
    assert (out[40, 80] == red).all() and (out[69, 80] == red).all()  # top and bottom edges
    assert (out[55, 80] == 255).all()  # the inside stays visible
    label = out[26:40, 50:66]  # just above the top-left corner
    assert (label == red).all(axis=-1).mean() > 0.4  # the label's background
    assert (label == 255).all(axis=-1).any()  # and white text on it
    top = out[2:14, 2:22]  # a box touching the top edge gets its label inside
    assert (top == np.array(color_of("e12"))).all(axis=-1).mean() > 0.3
    assert (out[80:, :40] == 255).all() and (out[:30, 150:] == 255).all()  # elsewhere untouched


@pytest.fixture(scope="module")
def som_env():
    from webenv_testing import make_env

    env = make_env(obs=("screenshot", "screenshot_som", "elements", "axtree"))
    yield env
    env.close()


@pytest.mark.browser
def test_marks_are_drawn_where_the_elements_are(som_env) -> None:
    obs, _ = som_env.reset(seed=0)
    assert som_env.observation_space.contains(obs)
    assert obs["screenshot_som"].shape == obs["screenshot"].shape == (720, 1280, 3)
    marks = json.loads(obs["elements"])
    assert {m["id"] for m in marks} >= {
        eid(obs["axtree"], "textbox", "New item"),
        eid(obs["axtree"], "button", "Add"),
        eid(obs["axtree"], "link", "Widgets"),
    }
    for mark in marks:  # the env's own ids, also in the axtree
        assert f"[{mark['id']}]" in obs["axtree"]

    field = eid(obs["axtree"], "textbox", "New item")
    mark = next(m for m in marks if m["id"] == field)
    real = som_env.tabs.page.locator(f'[data-gg-id="{field}"]').bounding_box()
    assert abs(mark["x"] - real["x"]) <= 1 and abs(mark["y"] - real["y"]) <= 1
    assert abs(mark["w"] - real["width"]) <= 1 and abs(mark["h"] - real["height"]) <= 1
    assert mark["role"] == "textbox" and mark["name"] == "New item"

    plain, som = obs["screenshot"], obs["screenshot_som"]
    color = np.array(color_of(field))
    x0, y0, w, h = mark["x"], mark["y"], mark["w"], mark["h"]
    assert (som[y0 + h // 2, x0] == color).all()  # box edge drawn on the element's edge
    assert not (plain[y0 + h // 2, x0] == color).all()
    label = som[max(y0 - 14, 0) : y0, x0 : x0 + 16]
    assert (label == color).all(axis=-1).mean() > 0.4  # label right at the element
    assert (
        som[y0 + 4 : y0 + h - 4, x0 + 4 : x0 + w // 2]
        == plain[y0 + 4 : y0 + h - 4, x0 + 4 : x0 + w // 2]
    ).all()

    near = np.zeros(plain.shape[:2], dtype=bool)  # pixels no box or label can reach
    for m in marks:
        near[
            max(m["y"] - 16, 0) : m["y"] + m["h"] + 2, max(m["x"] - 2, 0) : m["x"] + m["w"] + 40
        ] = True
    assert (som[~near] == plain[~near]).all()
    assert (som[near] != plain[near]).any()


@pytest.mark.browser
def test_marks_follow_the_page_and_name_actionable_ids(som_env) -> None:
    obs, _ = som_env.reset(seed=0)
    link = eid(obs["axtree"], "link", "Widgets")
    obs, _, _, _, _ = som_env.step(f'click("{link}")')
    assert obs["last_action_error"] == ""
    marks = {m["name"]: m for m in json.loads(obs["elements"])}
    assert "Widgets" not in marks and "Send" in marks  # the new page's elements
    send = marks["Send"]
    assert (
        obs["screenshot_som"][send["y"] + send["h"] // 2, send["x"]] == color_of(send["id"])
    ).all()
