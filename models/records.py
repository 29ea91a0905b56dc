"""The case record of ../shared/spec/records.md, as typed values.

`CaseRecord.to_dict()` writes exactly the exchange shape (without `eligibility`, which the
decision adds) and `CaseRecord.from_dict()` reads it back, so export → import → export is stable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import Any

FIELD_STATUSES = ("auto", "needs_review", "reviewed")


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Defendant:
    name: str | None = None
    date_of_birth: dt.date | None = None
    # California additions (spec/california-prop64.md §2.1); None means unknown.
    deceased: bool | None = None
    pc290_registered: bool | None = None
    # Last known mailing address, one line per printed line; notice letters need it.
    address: str | None = None

    @property
    def identity_key(self) -> tuple[str, str] | None:
        """Name and date of birth link several cases of one person (records.md)."""
        if not self.name:
            return None
        return (" ".join(self.name.upper().split()), _iso(self.date_of_birth) or "")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "date_of_birth": _iso(self.date_of_birth)}
        if self.deceased is not None:
            out["deceased"] = self.deceased
        if self.pc290_registered is not None:
            out["pc290_registered"] = self.pc290_registered
        if self.address is not None:
            out["address"] = self.address
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Defendant:
        data = data or {}
        return cls(
            name=data.get("name"),
            date_of_birth=_date(data.get("date_of_birth")),
            deceased=data.get("deceased"),
            pc290_registered=data.get("pc290_registered"),
            address=data.get("address"),
        )


_CHARGE_DATES = ("offense_date", "disposition_date", "sentence_end_date")
_CHARGE_LISTS = ("enhancements", "conduct", "prior_relief")
# Keys written only when set, so Illinois records keep the exact shape of records.md.
_CALIFORNIA_CHARGE_KEYS = ("level", "sentence_end_date", "concentrate_grams", "conduct", "prior_relief")


@dataclass(frozen=True)
class Charge:
    """One count of a case. `x` is the normalized value, `x_text` what was printed."""

    count: int
    statute: str | None = None
    statute_text: str | None = None
    description: str | None = None
    offense_class: str | None = None
    amount_grams: float | None = None
    amount_text: str | None = None
    weight_basis: str | None = None
    plant_count: int | None = None
    offense_date: dt.date | None = None
    disposition: str | None = None
    disposition_text: str | None = None
    sentence_kind: str | None = None
    sentence_text: str | None = None
    disposition_date: dt.date | None = None
    enhancements: tuple[str, ...] = ()
    # California additions (spec/california-prop64.md §2.1).
    level: str | None = None
    sentence_end_date: dt.date | None = None
    concentrate_grams: float | None = None
    conduct: tuple[str, ...] = ()
    prior_relief: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in _CALIFORNIA_CHARGE_KEYS and value in (None, ()):
                continue
            if f.name in _CHARGE_DATES:
                value = _iso(value)
            elif f.name in _CHARGE_LISTS:
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Charge:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown charge field(s): {', '.join(sorted(unknown))}")
        values: dict[str, Any] = dict(data)
        for name in _CHARGE_DATES:
            if name in values:
                values[name] = _date(values[name])
        for name in _CHARGE_LISTS:
            if name in values:
                values[name] = tuple(values[name] or ())
        if values.get("amount_grams") is not None:
            values["amount_grams"] = float(values["amount_grams"])
        return cls(**values)


@dataclass(frozen=True)
class FieldInfo:
    """How one value of a record was obtained (records.md `fields`)."""

    confidence: float | None = None
    status: str = "auto"
    page: int | None = None
    bbox: tuple[int, int, int, int] | None = None
    text: str | None = None
    extractor: str | None = None
    document_sha256: str | None = None
    # Why extraction doubted the value, for the reviewer; kept in the database, not exchanged
    # (records.md has no such key).
    doubts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "confidence": self.confidence,
            "status": self.status,
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox else None,
            "text": self.text,
            "extractor": self.extractor,
        }
        if self.document_sha256:
            out["document_sha256"] = self.document_sha256
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FieldInfo:
        status = data.get("status", "auto")
        if status not in FIELD_STATUSES:
            raise ValueError(f"field status must be one of {FIELD_STATUSES}, not {status!r}")
        bbox = data.get("bbox")
        return cls(
            confidence=data.get("confidence"),
            status=status,
            page=data.get("page"),
            bbox=tuple(bbox) if bbox else None,
            text=data.get("text"),
            extractor=data.get("extractor"),
            document_sha256=data.get("document_sha256"),
        )


@dataclass(frozen=True)
class SourcePage:
    page: int
    skew_degrees: float | None = None
    rotation: int | None = None
    mean_confidence: float | None = None


@dataclass(frozen=True)
class SourceDocument:
    file: str
    sha256: str
    pages: tuple[SourcePage, ...] = ()


@dataclass(frozen=True)
class CaseRecord:
    """One case (one court event) with its counts and, for digitized cases, its provenance."""

    case_id: str | None = None
    jurisdiction: str = "IL-COOK"
    case_number: str | None = None
    case_number_text: str | None = None
    defendant: Defendant = field(default_factory=Defendant)
    arrest_date: dt.date | None = None
    charges: tuple[Charge, ...] = ()
    # Court branch or courtroom as the docket or clerk's export prints it; motions are filed there.
    court: str | None = None
    source: tuple[SourceDocument, ...] = ()
    fields: dict[str, FieldInfo] = field(default_factory=dict)

    def field_info(self, path: str) -> FieldInfo | None:
        """Provenance of one value; None for digital records, whose values all count as reviewed."""
        return self.fields.get(path)

    def with_charges(self, charges: tuple[Charge, ...]) -> CaseRecord:
        return replace(self, charges=charges)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "case_id": self.case_id,
            "jurisdiction": self.jurisdiction,
            "case_number": self.case_number,
            "case_number_text": self.case_number_text,
            "defendant": self.defendant.to_dict(),
            "arrest_date": _iso(self.arrest_date),
            "charges": [c.to_dict() for c in self.charges],
        }
        if self.court is not None:
            out["court"] = self.court
        if self.source:
            out["source"] = {
                "documents": [
                    {
                        "file": d.file,
                        "sha256": d.sha256,
                        "pages": [
                            {
                                "page": p.page,
                                "skew_degrees": p.skew_degrees,
                                "rotation": p.rotation,
                                "mean_confidence": p.mean_confidence,
                            }
                            for p in d.pages
                        ],
                    }
                    for d in self.source
                ]
            }
        if self.fields:
            out["fields"] = {path: info.to_dict() for path, info in self.fields.items()}
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseRecord:
        source = tuple(
            SourceDocument(
                file=d["file"],
                sha256=d["sha256"],
                pages=tuple(SourcePage(**p) for p in d.get("pages", ())),
            )
            for d in (data.get("source") or {}).get("documents", ())
        )
        return cls(
            case_id=data.get("case_id"),
            jurisdiction=data.get("jurisdiction") or "IL-COOK",
            case_number=data.get("case_number"),
            case_number_text=data.get("case_number_text"),
            defendant=Defendant.from_dict(data.get("defendant")),
            arrest_date=_date(data.get("arrest_date")),
            charges=tuple(Charge.from_dict(c) for c in data.get("charges", ())),
            court=data.get("court"),
            source=source,
            fields={p: FieldInfo.from_dict(f) for p, f in (data.get("fields") or {}).items()},
        )
