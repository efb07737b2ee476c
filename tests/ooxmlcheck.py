"""Every XML part of a .docx against the ECMA-376 Transitional schemas vendored in tests/ooxml (see its README).

Markup Compatibility is applied the way a consumer that knows only the Transitional namespaces would:
mc:Ignorable namespaces' elements and attributes dropped, mc:AlternateContent replaced by its Fallback.
xml.xsd and the Dublin Core schemas are small in-memory stubs, so no network is needed.
Adapted from ../shared/tools/ooxml_validate.py.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
T = "OfficeOpenXML-XMLSchema-Transitional"
OPC = "OpenPackagingConventions-XMLSchema"

# namespace -> schema file (relative to XSD_ROOT)
SCHEMAS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": f"{T}/wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": f"{T}/dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": f"{T}/dml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": f"{T}/dml-picture.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": f"{T}/shared-math.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": f"{T}/shared-relationshipReference.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes": f"{T}/shared-commonSimpleTypes.xsd",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main": f"{T}/shared-customXmlSchemaProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": f"{T}/shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": f"{T}/shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": f"{T}/shared-documentPropertiesVariantTypes.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": f"{T}/shared-customXmlDataProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": f"{T}/shared-bibliography.xsd",
    "urn:schemas-microsoft-com:vml": f"{T}/vml-main.xsd",
    "urn:schemas-microsoft-com:office:office": f"{T}/vml-officeDrawing.xsd",
    "urn:schemas-microsoft-com:office:word": f"{T}/vml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": f"{OPC}/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": f"{OPC}/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": f"{OPC}/opc-coreProperties.xsd",
}
UNDERSTOOD = set(SCHEMAS) | {MC, "http://www.w3.org/XML/1998/namespace", "http://purl.org/dc/elements/1.1/",
                             "http://purl.org/dc/terms/", "http://purl.org/dc/dcmitype/",
                             "http://www.w3.org/2001/XMLSchema-instance"}


STUBS = {
    "xml.xsd": """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:string"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
</xs:schema>""",
    "dc.xsd": """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://purl.org/dc/elements/1.1/"
  xmlns="http://purl.org/dc/elements/1.1/" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xs:complexType name="SimpleLiteral" mixed="true"><xs:sequence/>
    <xs:attribute ref="xml:lang"/><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType>
  <xs:element name="any" type="SimpleLiteral" abstract="true"/>
""" + "".join(f'  <xs:element name="{n}" substitutionGroup="any"/>\n' for n in (
        "title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
        "identifier", "source", "language", "relation", "coverage", "rights")) + "</xs:schema>",
    "dcterms.xsd": """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://purl.org/dc/terms/"
  xmlns="http://purl.org/dc/terms/" xmlns:dc="http://purl.org/dc/elements/1.1/" elementFormDefault="qualified">
  <xs:import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="dc.xsd"/>
  <xs:element name="created" substitutionGroup="dc:date"/>
  <xs:element name="modified" substitutionGroup="dc:date"/>
  <xs:complexType name="W3CDTF"><xs:simpleContent><xs:restriction base="dc:SimpleLiteral">
    <xs:simpleType><xs:union memberTypes="xs:gYear xs:gYearMonth xs:date xs:dateTime"/></xs:simpleType>
  </xs:restriction></xs:simpleContent></xs:complexType>
</xs:schema>""",
}
XML_IMPORT = re.compile(r'<(xsd?|xs):import( id="xml")? namespace="http://www.w3.org/XML/1998/namespace"\s*/>')


class Resolver(etree.Resolver):
    """Serves the Ecma XSDs unmodified on disk, patched in memory: the XML-namespace imports get a
    schemaLocation and the Dublin Core imports point at small local stubs (no network)."""

    def __init__(self, root):
        super().__init__()
        self.root = root

    def resolve(self, url, pubid, context):
        base = os.path.basename(url)
        if base in STUBS:
            return self.resolve_string(STUBS[base], context, base_url=os.path.join(self.root, base))
        if url.endswith(".xsd") and os.path.exists(url):
            text = Path(url).read_text(encoding="utf-8-sig")
            text = XML_IMPORT.sub(lambda m: f'<{m.group(1)}:import namespace="http://www.w3.org/XML/1998/namespace" '
                                            f'schemaLocation="{os.path.join(self.root, "xml.xsd")}"/>', text)
            text = text.replace("http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd", os.path.join(self.root, "dc.xsd"))
            text = text.replace("http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd",
                                os.path.join(self.root, "dcterms.xsd"))
            return self.resolve_string(text.encode("utf-8"), context, base_url=url)
        return None


def build_schema(root: str) -> etree.XMLSchema:
    root = os.path.abspath(root)
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{root}/{f}"/>'
                      for ns, f in (("http://www.w3.org/XML/1998/namespace", "xml.xsd"),
                                    ("http://purl.org/dc/elements/1.1/", "dc.xsd"),
                                    ("http://purl.org/dc/terms/", "dcterms.xsd")))
    imports += "".join(f'<xs:import namespace="{ns}" schemaLocation="{os.path.join(root, path)}"/>'
                       for ns, path in SCHEMAS.items())
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:driver">{imports}</xs:schema>'
    parser = etree.XMLParser()
    parser.resolvers.add(Resolver(root))
    doc = etree.fromstring(driver.encode(), parser, base_url=os.path.join(root, "driver.xsd"))
    return etree.XMLSchema(doc)


def mce_preprocess(el: etree._Element) -> list[str]:
    """Apply ECMA-376-3 processing for a consumer understanding UNDERSTOOD; return notes."""
    notes = []
    ignorable: set[str] = set()

    def walk(e, inherited):
        ign = set(inherited)
        val = e.get(f"{{{MC}}}Ignorable")
        if val:
            for prefix in val.split():
                ns = e.nsmap.get(prefix)
                if ns:
                    ign.add(ns)
        for attr in list(e.attrib):
            ns = etree.QName(attr).namespace
            if ns == MC:
                del e.attrib[attr]
            elif ns and ns not in UNDERSTOOD:
                if ns in ign:
                    del e.attrib[attr]
                else:
                    notes.append(f"non-ignorable unknown attribute {attr} on {e.tag}")
        for child in list(e):
            if not isinstance(child.tag, str):
                continue
            q = etree.QName(child)
            if q.namespace == MC and q.localname == "AlternateContent":
                fallback = child.find(f"{{{MC}}}Fallback")
                parent = e
                idx = list(parent).index(child)
                parent.remove(child)
                if fallback is not None:
                    for k, g in enumerate(list(fallback)):
                        parent.insert(idx + k, g)
                continue
            if q.namespace and q.namespace not in UNDERSTOOD:
                if q.namespace in ign:
                    e.remove(child)
                    continue
                notes.append(f"non-ignorable unknown element {child.tag}")
            walk(child, ign)

    walk(el, ignorable)
    return notes


def validate_part(schema, name: str, data: bytes):
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as e:
        return [f"not well-formed: {e}"]
    notes = mce_preprocess(root)
    doc = etree.ElementTree(root)
    ok = schema.validate(doc)
    errs = list(notes)
    if not ok:
        for err in schema.error_log:
            # drafter writes one-line XML, so report libxml2's XPath of the element, not a line number
            errs.append(f"{err.path}: {err.message}")
    return errs


@functools.cache
def schema() -> etree.XMLSchema:
    return build_schema(str(Path(__file__).resolve().parent / "ooxml"))


def findings(data: bytes) -> list[str]:
    """'part: element path: message' for every schema problem of the package in `data`."""
    z = zipfile.ZipFile(io.BytesIO(data))
    return [f"{name}: {e}" for name in z.namelist() if name.endswith((".xml", ".rels"))
            for e in validate_part(schema(), name, z.read(name))]
