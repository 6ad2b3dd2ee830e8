"""The wire: ptcekit values as JSON, with a JSON Schema, kind tags and format versions.

>>> import ptcekit
>>> from ptcekit.serialize import dumps, loads
>>> eco = ptcekit.Ecosystem(actors=(ptcekit.Association(id="archer", name="Archer"),))
>>> dumps(eco)
b'{"ptcekit":"1","actors":[{"type":"association","id":"archer","name":"Archer"}]}'
>>> loads(dumps(eco)) == eco
True
"""

from ptcekit.errors import KindError, LoadError, Problem
from ptcekit.serialize._converter import (
    Converter,
    from_dict,
    generated_source,
    kept_keys,
    make_converter,
    to_dict,
)
from ptcekit.serialize._fields import field_doc
from ptcekit.serialize._json import (
    Backend,
    Repeated,
    available_backends,
    dump,
    dumps,
    load,
    loads,
)
from ptcekit.serialize._kinds import KIND_ROOTS, KindTable, kind_table
from ptcekit.serialize._schema import SCHEMA_ID, json_schema
from ptcekit.serialize._versions import FORMAT_VERSION, UPGRADES, VERSION_KEY, Upgrade, Upgrades

__all__ = [
    "FORMAT_VERSION",
    "KIND_ROOTS",
    "SCHEMA_ID",
    "UPGRADES",
    "VERSION_KEY",
    "Backend",
    "Converter",
    "KindError",
    "KindTable",
    "LoadError",
    "Problem",
    "Repeated",
    "Upgrade",
    "Upgrades",
    "available_backends",
    "dump",
    "dumps",
    "field_doc",
    "from_dict",
    "generated_source",
    "json_schema",
    "kept_keys",
    "kind_table",
    "load",
    "loads",
    "make_converter",
    "to_dict",
]
