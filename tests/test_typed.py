"""drafter.typed: the records the case model is made of, validated from plain data.

Expected values are written out by hand from what the model declares (and from how pydantic, which these records
replaced, behaved), never read back from the validator.
"""

from __future__ import annotations

import copy
import pickle
from typing import Annotated, Any, Literal

import pytest

from drafter.typed import BaseModel, BeforeValidator, Field, PlainSerializer, TypeAdapter, ValidationError, model_validator

Text = Annotated[str, Field(strict=True, min_length=1)]


SHARED = Field(default=0, strict=True, ge=0)


class Leaf(BaseModel):
    name: Text
    count: int = Field(default=1, strict=True, ge=1, le=9)
    share: Annotated[float, Field(strict=True)] | None = None
    tags: list[Text] = []
    mode: Literal["a", "b"] = "a"
    flag: bool = False


class Cat(BaseModel):
    kind: Literal["cat"]
    name: Text
    lives: int = SHARED


class Dog(BaseModel):
    kind: Literal["dog"]
    name: Text
    good: bool = True


class Tag(BaseModel):
    id: Annotated[str, Field(pattern=r"^[a-z]+$")]
    weight: float = SHARED


class Tree(BaseModel):
    leaves: list[Leaf] = Field(min_length=1)
    pets: list[Annotated[Cat | Dog, Field(discriminator="kind")]] = []
    value: Annotated[float, Field(strict=True)] | list[Annotated[float, Field(strict=True)]] | None = None
    words: dict[str, Text] = {}
    one_or_many: Annotated[list[Text], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = []
    child: Tree | None = None
    when: Annotated[Any, PlainSerializer(lambda v: f"<{v}>")] = None


class Base(BaseModel):
    order: list[str] = []
    first: int | None = None
    leaf: Leaf = Leaf(name="默认")

    @model_validator(mode="before")
    @classmethod
    def _base_before(cls, data):
        if isinstance(data, dict) and data.get("first") == 0:
            raise ValueError("第一项不能为零")
        return data

    @model_validator(mode="after")
    def _base_after(self):
        self.order.append("base-after")
        return self

    @model_validator(mode="after")
    def _base_last(self):
        self.order.append("base-last")
        return self


class Derived(Base):
    first: int = 5            # redefined: required-ness and default change, the place stays
    second: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _derived_before(cls, data):
        if isinstance(data, dict) and "old" in data:
            raise ValueError("old 已改名为 second")
        return data

    @model_validator(mode="after")
    def _base_after(self):   # replaces the base's, in its place
        self.order.append("derived-replaces-base-after")
        return self

    @model_validator(mode="after")
    def _derived_after(self):
        if self.second == "bad":
            raise ValueError("second 不能是 bad")
        self.order.append("derived-after")
        return self


def errors(model, data) -> list[tuple]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], e["loc"]) for e in info.value.errors()]


def test_a_valid_record_with_defaults_and_conversions():
    leaf = Leaf.model_validate({"name": "甲", "share": 3, "flag": "yes"})
    assert (leaf.name, leaf.count, leaf.share, leaf.tags, leaf.mode, leaf.flag) == ("甲", 1, 3.0, [], "a", True)
    assert type(leaf.share) is float                       # an integer written for a number reads as 3.0
    assert leaf.model_fields_set == {"name", "share", "flag"}
    assert list(Leaf.model_fields) == ["name", "count", "share", "tags", "mode", "flag"]
    assert Leaf.model_fields["name"].is_required() and not Leaf.model_fields["count"].is_required()
    assert Leaf.model_fields["count"].default == 1


def test_every_error_is_collected_with_its_place():
    data = {"leaves": [{"name": ""}, {"name": "乙", "count": 0, "mode": "c", "extra": 1}, "叶"],
            "pets": [{"kind": "cow"}, {"name": "x"}, {"kind": "dog", "name": 3}], "words": {"k": 5}, "child": [],
            "oops": True}
    assert errors(Tree, data) == [
        ("string_too_short", ("leaves", 0, "name")),
        ("greater_than_equal", ("leaves", 1, "count")),
        ("literal_error", ("leaves", 1, "mode")),
        ("extra_forbidden", ("leaves", 1, "extra")),
        ("model_type", ("leaves", 2)),
        ("union_tag_invalid", ("pets", 0)),
        ("union_tag_not_found", ("pets", 1)),
        ("string_type", ("pets", 2, "name")),
        ("string_type", ("words", "k")),
        ("model_type", ("child",)),
        ("extra_forbidden", ("oops",)),
    ]


def test_error_details_that_messages_are_made_from():
    with pytest.raises(ValidationError) as info:
        Tree.model_validate({"leaves": [{"name": "a", "count": 10, "mode": "z"}], "pets": [{"kind": "cow", "name": "x"}]})
    by_type = {e["type"]: e for e in info.value.errors()}
    assert by_type["less_than_equal"]["ctx"] == {"le": 9} and by_type["less_than_equal"]["input"] == 10
    assert by_type["literal_error"]["ctx"] == {"expected": "'a' or 'b'"}
    tag = by_type["union_tag_invalid"]["ctx"]
    assert tag["tag"] == "cow" and tag["expected_tags"] == "'cat', 'dog'"


def test_missing_fields_and_empty_lists():
    assert errors(Tree, {}) == [("missing", ("leaves",))]
    assert errors(Tree, {"leaves": []}) == [("too_short", ("leaves",))]
    assert errors(Leaf, {"name": None}) == [("string_type", ("name",))]


def test_strict_numbers_and_lax_booleans():
    assert errors(Leaf, {"name": "a", "count": True}) == [("int_type", ("count",))]
    assert errors(Leaf, {"name": "a", "count": 2.0}) == [("int_type", ("count",))]
    assert errors(Leaf, {"name": "a", "count": "2"}) == [("int_type", ("count",))]
    assert errors(Leaf, {"name": "a", "share": True}) == [("float_type", ("share",))]
    assert errors(Leaf, {"name": "a", "share": "1.5"}) == [("float_type", ("share",))]
    assert errors(Leaf, {"name": "a", "flag": "是"}) == [("bool_type", ("flag",))]
    assert [Leaf.model_validate({"name": "a", "flag": v}).flag for v in ("no", "On", 1, 0, True)] == [
        False, True, True, False, True]


def test_a_union_speaks_through_the_member_the_input_is_shaped_like():
    assert errors(Tree, {"leaves": [{"name": "a"}], "value": [1, "x"]}) == [("float_type", ("value", 1))]
    assert errors(Tree, {"leaves": [{"name": "a"}], "value": "x"}) == [("float_type", ("value",))]
    tree = Tree.model_validate({"leaves": [{"name": "a"}], "value": [1, 2.5]})
    assert tree.value == [1.0, 2.5] and all(type(v) is float for v in tree.value)


def test_before_validators_and_recursion():
    tree = Tree.model_validate({"leaves": [{"name": "a"}], "one_or_many": "单项",
                                "child": {"leaves": [{"name": "b"}], "pets": [{"kind": "cat", "name": "咪"}]}})
    assert tree.one_or_many == ["单项"]
    assert isinstance(tree.child, Tree) and isinstance(tree.child.pets[0], Cat) and tree.child.pets[0].name == "咪"
    assert errors(Tree, {"leaves": [{"name": "a"}], "child": {"leaves": [{"name": ""}]}}) == [
        ("string_too_short", ("child", "leaves", 0, "name"))]


def test_model_validators_run_subclass_before_first_and_base_after_first():
    d = Derived.model_validate({"second": "ok"})
    assert d.order == ["derived-replaces-base-after", "base-last", "derived-after"] and d.first == 5
    assert list(Derived.model_fields) == ["order", "first", "leaf", "second"]
    with pytest.raises(ValidationError) as info:
        Derived.model_validate({"old": 1, "first": 0})
    (err,) = info.value.errors()
    assert err["type"] == "value_error" and str(err["ctx"]["error"]) == "old 已改名为 second"
    with pytest.raises(ValidationError) as info:
        Derived.model_validate({"second": "bad"})
    assert str(info.value.errors()[0]["ctx"]["error"]) == "second 不能是 bad"
    assert errors(Base, {"first": 0}) == [("value_error", ())]


def test_defaults_are_never_shared_and_records_are_frozen():
    a, b = Leaf.model_validate({"name": "a"}), Leaf.model_validate({"name": "b"})
    assert a.tags is not b.tags
    x, y = Derived.model_validate({}), Derived.model_validate({})
    assert x.leaf == y.leaf and x.leaf is not y.leaf and x.leaf.tags is not y.leaf.tags   # a record default, too
    with pytest.raises(TypeError):
        a.name = "c"
    assert Leaf(name="a") == a
    assert hash(Cat(kind="cat", name="咪")) == hash(Cat(kind="cat", name="咪"))   # hashable when its values are
    assert Leaf(name="a") != Leaf(name="a", count=2)


def test_copy_dump_and_pickle():
    tree = Tree.model_validate({"leaves": [{"name": "a", "tags": ["x"]}], "when": 7})
    changed = tree.model_copy(update={"value": 2.0})
    assert changed.value == 2.0 and tree.value is None and changed.leaves is tree.leaves
    assert changed.model_fields_set == {"leaves", "when", "value"} and tree.model_fields_set == {"leaves", "when"}
    dumped = tree.model_dump(exclude_none=True, exclude={"pets"})
    assert dumped == {"leaves": [{"name": "a", "count": 1, "tags": ["x"], "mode": "a", "flag": False}], "words": {},
                      "one_or_many": [], "when": "<7>"}
    for again in (pickle.loads(pickle.dumps(tree)), copy.deepcopy(tree)):
        assert again == tree and again.model_fields_set == tree.model_fields_set
        assert again.leaves[0] is not tree.leaves[0]


def test_constructing_validates_and_type_adapter_validates_plain_annotations():
    with pytest.raises(ValidationError):
        Leaf(name="")
    adapter = TypeAdapter(list[Leaf] | Tree)
    assert adapter.validate_python([{"name": "a"}])[0].name == "a"
    assert isinstance(adapter.validate_python({"leaves": [{"name": "a"}]}), Tree)
    with pytest.raises(ValidationError) as info:
        adapter.validate_python({"leaves": "x"})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("list_type", ("leaves",))]


def test_patterns_end_at_the_very_end_and_numbers_are_finite():
    assert Tag.model_validate({"id": "intro"}).id == "intro"
    assert errors(Tag, {"id": "intro\n"}) == [("string_pattern_mismatch", ("id",))]   # re's $ would allow the newline
    assert errors(Tag, {"id": "ok", "weight": float("nan")}) == [("finite_number", ("weight",))]
    assert errors(Tag, {"id": "ok", "weight": float("inf")}) == [("finite_number", ("weight",))]
    assert errors(Leaf, {"name": "a", "flag": " true "}) == [("bool_type", ("flag",))]


def test_one_field_object_in_two_models_keeps_each_its_own_type():
    assert Cat.model_fields["lives"].annotation is int and Tag.model_fields["weight"].annotation is float
    assert errors(Cat, {"kind": "cat", "name": "咪", "lives": -1}) == [("greater_than_equal", ("lives",))]


def test_a_bad_key_is_reported_not_hidden_behind_its_value():
    with pytest.raises(ValidationError) as info:
        TypeAdapter(dict[int, Text]).validate_python({"k": ""})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("int_type", ("k",))]
    with pytest.raises(ValidationError) as info:
        TypeAdapter(dict[str, Text]).validate_python({"a": "", "b": "好"})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("string_too_short", ("a",))]


def test_a_validation_error_survives_pickling():
    with pytest.raises(ValidationError) as info:
        Leaf.model_validate({"name": ""})
    again = pickle.loads(pickle.dumps(info.value))
    assert [(e["type"], e["loc"]) for e in again.errors()] == [("string_too_short", ("name",))]
