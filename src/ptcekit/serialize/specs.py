"""The wire shape of ptcekit classes, for tools built on the wire format (such as spreadsheets).

The converter, the JSON Schema and the spreadsheet layout are all made from
these specs, so they never disagree.

>>> from ptcekit.model import Place
>>> [field.name for field in class_spec(Place).fields]
['commune', 'address', 'latitude', 'longitude']
"""

from ptcekit.serialize._fields import (
    ClassSpec,
    EnumOf,
    FieldSpec,
    Node,
    Obj,
    Opt,
    Poly,
    Scalar,
    Seq,
    class_spec,
    field_doc,
    field_docs,
)

__all__ = [
    "ClassSpec",
    "EnumOf",
    "FieldSpec",
    "Node",
    "Obj",
    "Opt",
    "Poly",
    "Scalar",
    "Seq",
    "class_spec",
    "field_doc",
    "field_docs",
]
