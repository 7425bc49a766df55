"""Who may see and change what on a shared PostgreSQL database: the grants, the login roles and their
privileges (issue 19).

A grant gives a PostgreSQL login the subtree of an organisation: a ``viewer`` reads it, an ``officer`` also
writes there, an ``admin`` manages the whole database and its grants (it has no organisation). A login may
hold several grants. The rows are in ``access_grant``; the row-level security policies that read them are
made by migration 0009 (``migrations/versions/0009_access_by_subtree.py``, where what each login sees is
set out). This module keeps the other half in step with the grants: the login role itself (created when
missing, its password set from a verifier computed here, so the password never reaches the server or its
log), and its privileges on the tables (select for every grant; insert, update and delete on the people's
tables for an officer; everything, with the right to pass it on, for an admin). Privileges say which tables
a login may touch at all; the policies say which rows.

The tables' owner (the login that ran the migrations) is not subject to the policies: it is the province's
own administrator, as it always was. On SQLite there are no logins: the file is the boundary, and these
functions refuse (:func:`require_postgresql`); ``db extract`` makes a ward its own file instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.vocab import AccessRole
from dangvien_cli.errors import DangvienError, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert, log_update, record_change, snapshot
from dangvien_cli.store.models import TABLES, AccessGrant, Organisation
from dangvien_cli.store.orgs import get_org

# A login is a plain PostgreSQL name: lower case, so that it is the same written with or without quotes in
# psql (PostgreSQL folds unquoted names to lower case), at most 63 bytes, not one of PostgreSQL's own.
LOGIN_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED_PREFIX = "pg_"

READ_TABLES = (*TABLES, "alembic_version")
"""Every login with a grant reads these (the policies choose the rows of the people's tables)."""
OPEN_TABLES = (
    "organisation",
    "org_closure",
    "org_version",
    "org_lineage",
    "org_closure_span",
    "alembic_version",
)
"""Readable by every login with a grant, without row-level security: the tree (codes must resolve; it holds
no personal data) and the schema's revision."""
OFFICER_TABLES = (
    "member",
    "membership",
    "candidate",
    "remark",
    "admission",
    "paper",
    "quota",
    "quota_milestone",
)
"""An officer inserts, updates and deletes in these (the policies choose where), and adds to the log."""


def require_postgresql(session: Session) -> None:
    """Refuse on SQLite: there the file is the boundary (whoever has the file has all of it)."""
    if session.get_bind().dialect.name != "postgresql":
        raise DangvienError("access.sqlite")


def current_login(session: Session) -> str:
    """The database login of the session (``current_user``)."""
    return str(session.execute(sa.text("SELECT current_user")).scalar_one())


@dataclass(frozen=True)
class GrantRecord:
    """A grant as ``access list`` shows it."""

    login: str
    role: AccessRole
    org: str | None  # the organisation's code; an admin's may have none (the whole database either way)
    org_name: str | None
    granted_at: datetime
    granted_by: str

    def as_json(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "role": self.role.value,
            "org": self.org,
            "org_name": self.org_name,
            "granted_at": _utc(self.granted_at).isoformat(timespec="seconds"),
            "granted_by": self.granted_by,
        }


@dataclass(frozen=True)
class GrantOutcome:
    """What ``access grant`` did: the grant as it now stands, whether it is new, changed or was already so,
    whether the login role was created, and whether its password was set."""

    grant: GrantRecord
    change: str  # "granted", "changed" (another role on the same organisation) or "unchanged"
    created_login: bool
    password_set: bool


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def check_login(login: str) -> str:
    """``login`` as a PostgreSQL role name the tool will create or use, or :class:`InvalidValue`."""
    if not LOGIN_PATTERN.fullmatch(login) or login.startswith(RESERVED_PREFIX) or login == "public":
        raise InvalidValue("login", login, "access.bad_login")
    return login


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- grants ------------------------------------------------------------------------------------------


def grant_access(
    *,
    session: Session,
    login: str,
    role: str,
    org_code: str | None,
    password: str | None = None,
    now: datetime | None = None,
) -> GrantOutcome:
    """Give ``login`` a ``role`` on the subtree of ``org_code`` (an admin: on the whole database, no
    organisation), creating the login role if it does not exist and setting its ``password`` if one is
    given; then bring its privileges in step with all its grants. Refuses a login the policies would not
    hold (a superuser, one that bypasses row-level security, the tables' owner, the login running this)."""
    require_postgresql(session)
    _require_manager(session)
    access_role = AccessRole.checked("role", role)
    login = check_login(login)
    org = _grant_org(session=session, role=access_role, org_code=org_code)
    connection = session.connection()
    created = _ensure_login(connection, login, password)
    org_id = org.id if org is not None else None
    same = col(AccessGrant.org_id).is_(None) if org_id is None else col(AccessGrant.org_id) == org_id
    grant = session.exec(select(AccessGrant).where(AccessGrant.login == login, same)).first()
    change = "unchanged"
    if grant is None:
        grant = AccessGrant(
            login=login,
            org_id=org_id,
            role=access_role.value,
            granted_at=now or datetime.now(UTC),
            granted_by=current_login(session),
        )
        session.add(grant)
        session.flush()
        log_insert(session=session, entity="access_grant", record=grant)
        change = "granted"
    elif grant.role != access_role.value:
        before = snapshot(grant)
        grant.role = access_role.value
        grant.granted_at = now or datetime.now(UTC)
        grant.granted_by = current_login(session)
        session.add(grant)
        session.flush()
        log_update(session=session, entity="access_grant", before=before, record=grant)
        change = "changed"
    sync_privileges(session=session, login=login)
    return GrantOutcome(
        grant=_record(grant, org), change=change, created_login=created, password_set=password is not None
    )


def _require_manager(session: Session) -> None:
    """Only the owner, an admin (or a superuser) grants and revokes: a login limited to a subtree is told
    so in plain words, before the database refuses it less clearly."""
    if own_scope(session=session) is not None:
        raise DangvienError("access.admin_only", login=current_login(session))


def _grant_org(*, session: Session, role: AccessRole, org_code: str | None) -> Organisation | None:
    """The organisation of a grant: required for a viewer or an officer. An admin's grant is the whole
    database: it needs none, and one given for it must be at the top of the tree (where it means the same)."""
    if org_code is None:
        if role is not AccessRole.admin:
            raise InvalidValue("org", "", "access.org_required", role=role)
        return None
    org = get_org(session=session, code=org_code)
    if role is AccessRole.admin and org.parent_id is not None:
        raise InvalidValue("org", org.code, "access.admin_whole")
    return org


def _ensure_login(connection: Any, login: str, password: str | None) -> bool:
    """Create the login role if it does not exist (True), else check that the policies hold it; set its
    password when one is given."""
    me = connection.execute(sa.text("SELECT current_user")).scalar_one()
    if login == me:
        raise InvalidValue("login", login, "access.self")
    found = connection.execute(
        sa.text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :login"), {"login": login}
    ).first()
    owner = connection.execute(
        sa.text(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'member' AND schemaname = current_schema()"
        )
    ).scalar()
    if login == owner:
        raise InvalidValue("login", login, "access.owner")
    if found is not None and (found[0] or found[1]):
        raise InvalidValue("login", login, "access.bypasses")
    if found is None:
        _require_createrole(connection, me)
        connection.exec_driver_sql(f"CREATE ROLE {_quoted(login)} LOGIN")
    if password is not None:
        if found is not None:
            _require_createrole(connection, me)
        verifier = _password_verifier(connection, login, password)
        connection.exec_driver_sql(f"ALTER ROLE {_quoted(login)} PASSWORD '{verifier}'")
    return found is None


def _require_createrole(connection: Any, me: str) -> None:
    allowed = connection.execute(
        sa.text("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if not allowed:
        raise DangvienError("access.cannot_create_role", login=me)


# SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (base64), or md5 and 32 hex digits
_VERIFIER = re.compile(
    r"(SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+|md5[0-9a-f]{32})"
)


def _password_verifier(connection: Any, login: str, password: str) -> str:
    """What the server keeps for ``password``, computed here by libpq with the server's algorithm (as psql's
    ``\\password`` does): the password itself never travels, nor lands in the server's log."""
    if not password or any(ord(ch) < 32 or ch == "\x7f" for ch in password):
        raise InvalidValue("password_file", "", "access.bad_password")
    driver = connection.connection.driver_connection
    pgconn = getattr(driver, "pgconn", None)
    if pgconn is None:  # another driver than psycopg 3
        raise DangvienError("access.password_driver")
    verifier = pgconn.encrypt_password(password.encode(), login.encode()).decode("ascii")
    if not _VERIFIER.fullmatch(verifier):  # it is put in the statement: nothing but the verifier's own form
        raise DangvienError("access.password_driver")
    return str(verifier)


def revoke_access(*, session: Session, login: str, org_code: str | None = None) -> list[GrantRecord]:
    """Take back ``login``'s grant on ``org_code``, or all its grants; its privileges follow. The login role
    itself stays (it may be used elsewhere): ``DROP ROLE`` removes it. The policies read the grants at each
    statement, so the login loses the rows at once, in sessions already open too."""
    require_postgresql(session)
    _require_manager(session)
    query = select(AccessGrant).where(AccessGrant.login == login)
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        if org.parent_id is None:  # an admin's grant may have been given with a top organisation
            query = query.where(sa.or_(col(AccessGrant.org_id) == org.id, col(AccessGrant.org_id).is_(None)))
        else:
            query = query.where(AccessGrant.org_id == org.id)
    grants = list(session.exec(query.order_by(col(AccessGrant.id))))
    if not grants:
        if org_code is None:
            raise NotFound("login", login, "access.no_grant")
        raise NotFound("login", login, "access.no_grant_on", org=org_code)
    orgs = _orgs(session=session, ids={g.org_id for g in grants if g.org_id is not None})
    records = [_record(g, orgs.get(g.org_id) if g.org_id is not None else None) for g in grants]
    for grant in grants:
        assert grant.id is not None
        record_change(
            session=session,
            action="delete",
            entity="access_grant",
            entity_id=grant.id,
            before=snapshot(grant),
        )
        session.delete(grant)
    session.flush()
    sync_privileges(session=session, login=login)
    return records


def list_grants(*, session: Session) -> list[GrantRecord]:
    """The grants (a login that is not an admin sees its own), by login and organisation."""
    require_postgresql(session)
    grants = list(session.exec(select(AccessGrant)))
    orgs = _orgs(session=session, ids={g.org_id for g in grants if g.org_id is not None})
    records = [_record(g, orgs.get(g.org_id) if g.org_id is not None else None) for g in grants]
    return sorted(records, key=lambda r: (r.login, r.org or "", r.role.value))


def _orgs(*, session: Session, ids: set[int]) -> dict[int, Organisation]:
    if not ids:
        return {}
    return {o.id: o for o in session.exec(select(Organisation).where(col(Organisation.id).in_(ids))) if o.id}


def _record(grant: AccessGrant, org: Organisation | None) -> GrantRecord:
    return GrantRecord(
        login=grant.login,
        role=AccessRole(grant.role),
        org=org.code if org is not None else None,
        org_name=org.name if org is not None else None,
        granted_at=grant.granted_at,
        granted_by=grant.granted_by,
    )


# --- privileges --------------------------------------------------------------------------------------


# The policies' helpers that answer for any caller (migration 0009 keeps them from PUBLIC): the logins
# granted to may execute them, as the policies evaluated for them call them.
HELPERS = "dangvien_placed(integer), dangvien_newest_member()"


def sync_privileges(*, session: Session, login: str) -> None:
    """Give ``login`` the privileges its grants call for, and take back the others (those this login gave:
    PostgreSQL lets each grantor take back only its own; the policies close the rows in any case).

    Taking back an admin's privileges takes back what it passed on too (CASCADE: PostgreSQL refuses
    otherwise); the other logins' are then given again, by this session's login."""
    connection = session.connection()
    passed_on = _passes_privileges_on(connection, login)
    _sync_one(session, login)
    if passed_on:
        others = session.exec(select(AccessGrant.login).where(AccessGrant.login != login).distinct())
        for other in sorted(set(others)):
            _sync_one(session, other)


def _passes_privileges_on(connection: Any, login: str) -> bool:
    """Whether ``login`` exists and holds privileges it may pass on (an admin's)."""
    return bool(
        connection.execute(
            sa.text(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :login)"
                " AND has_table_privilege(:login, 'member', 'SELECT WITH GRANT OPTION')"
            ),
            {"login": login},
        ).scalar()
    )


def _sync_one(session: Session, login: str) -> None:
    connection = session.connection()
    roles = {AccessRole(r) for r in session.exec(select(AccessGrant.role).where(AccessGrant.login == login))}
    exists = connection.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login})
    if exists.first() is None:  # granted once, dropped since: nothing to take back
        return
    who = _quoted(login)
    tables = ", ".join(READ_TABLES)
    sequences = ", ".join(_sequences(connection, TABLES))
    connection.exec_driver_sql(f"REVOKE ALL ON {tables} FROM {who} CASCADE")
    connection.exec_driver_sql(f"REVOKE ALL ON SEQUENCE {sequences} FROM {who} CASCADE")
    connection.exec_driver_sql(f"REVOKE EXECUTE ON FUNCTION {HELPERS} FROM {who} CASCADE")
    if not roles:
        _set_createrole(connection, login, allowed=False)
        _way_in(connection, who, give=False)
        return
    _way_in(connection, who, give=True)
    if AccessRole.admin in roles:
        connection.exec_driver_sql(f"GRANT ALL ON {tables} TO {who} WITH GRANT OPTION")
        connection.exec_driver_sql(f"GRANT ALL ON SEQUENCE {sequences} TO {who} WITH GRANT OPTION")
        connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {HELPERS} TO {who} WITH GRANT OPTION")
        _set_createrole(connection, login, allowed=True)
        return
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {HELPERS} TO {who}")
    _set_createrole(connection, login, allowed=False)
    readable = ", ".join(_readable_tables(connection))
    connection.exec_driver_sql(f"GRANT SELECT ON {readable} TO {who}")
    if AccessRole.officer in roles:
        writable = ", ".join(OFFICER_TABLES)
        connection.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {writable} TO {who}")
        connection.exec_driver_sql(f"GRANT INSERT ON change_log TO {who}")
        used = ", ".join(_sequences(connection, (*OFFICER_TABLES, "change_log")))
        connection.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {used} TO {who}")


def _readable_tables(connection: Any) -> list[str]:
    """What a viewer or an officer may select from: the tree (no personal data) and the tables whose rows
    the policies choose. A table without row-level security is left out, so that one added later with
    people in it, before its policies are written, stays closed to scoped logins rather than open."""
    guarded = set(
        connection.execute(
            sa.text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity"
            )
        ).scalars()
    )
    return [t for t in READ_TABLES if t in guarded or t in OPEN_TABLES]


def _sequences(connection: Any, tables: tuple[str, ...]) -> list[str]:
    """The sequences behind the tables' ``id`` columns, as quoted names."""
    names = []
    for table in tables:
        found = connection.execute(
            sa.text(
                "SELECT pg_get_serial_sequence(:table, 'id') FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = :table AND column_name = 'id'"
            ),
            {"table": table},
        ).scalar()
        if found:
            names.append(str(found))
    return names


def _way_in(connection: Any, who: str, *, give: bool) -> None:
    """CONNECT on the database and USAGE on the schema, given (``give``) or taken back, where this login may
    pass them on (the database's or schema's owner, or one given them with the grant option); otherwise
    they are the owner's to give. Taking back leaves nothing of the login's in this database, so that
    ``DROP OWNED BY``, then ``DROP ROLE``, can remove it."""
    for privilege, kind, current in (
        ("CONNECT", "DATABASE", "current_database()"),
        ("USAGE", "SCHEMA", "current_schema()"),
    ):
        check = f"has_{kind.lower()}_privilege({current}, '{privilege} WITH GRANT OPTION')"
        if not connection.execute(sa.text(f"SELECT {check}")).scalar():
            continue
        name = _quoted(str(connection.execute(sa.text(f"SELECT {current}")).scalar_one()))
        if give:
            connection.exec_driver_sql(f"GRANT {privilege} ON {kind} {name} TO {who}")
        else:
            connection.exec_driver_sql(f"REVOKE {privilege} ON {kind} {name} FROM {who} CASCADE")


def _set_createrole(connection: Any, login: str, *, allowed: bool) -> None:
    """An admin creates the logins it grants to (CREATEROLE); others do not. Changed only where it differs
    and where this login may change it."""
    current = connection.execute(
        sa.text("SELECT rolcreaterole FROM pg_roles WHERE rolname = :login"), {"login": login}
    ).scalar()
    if current is None or bool(current) == allowed:
        return
    me = connection.execute(sa.text("SELECT current_user")).scalar_one()
    _require_createrole(connection, me)
    connection.exec_driver_sql(f"ALTER ROLE {_quoted(login)} {'CREATEROLE' if allowed else 'NOCREATEROLE'}")


# --- the scope of the login running a command ----------------------------------------------------------


def own_scope(*, session: Session) -> list[str] | None:
    """The organisations (codes) the session's login is limited to, or ``None`` when it is not limited:
    on SQLite, for the tables' owner and for an admin."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    rows = session.execute(
        select(AccessGrant.role, Organisation.code)
        .join(Organisation, col(Organisation.id) == AccessGrant.org_id, isouter=True)
        .where(col(AccessGrant.login) == sa.literal_column("current_user"))
    ).all()
    if not rows or any(role == AccessRole.admin.value for role, _ in rows):
        return None
    return sorted({str(code) for _, code in rows if code is not None})


def default_org(*, session: Session, org_code: str | None) -> str | None:
    """The organisation a report is about: ``org_code`` when given; else, for a login limited to one
    subtree, that subtree (its report then reads as the subtree's own, not as the whole tree with the rest
    empty); else ``None`` (the whole tree)."""
    if org_code is not None:
        return org_code
    scope = own_scope(session=session)
    if scope is not None and len(scope) == 1:
        return scope[0]
    return None


__all__ = [
    "GrantOutcome",
    "GrantRecord",
    "check_login",
    "current_login",
    "default_org",
    "grant_access",
    "list_grants",
    "own_scope",
    "require_postgresql",
    "revoke_access",
    "sync_privileges",
]
