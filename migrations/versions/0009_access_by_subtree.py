"""Access by subtree: grants, the database login in the change log, and row-level security on PostgreSQL
(issue 19)

Everywhere: a table of grants (``access_grant``: a login reads, or also writes, the subtree of an
organisation, or manages the whole database) and the change log's ``db_user`` column (empty on existing
rows: who they were is not known). Nothing else changes on SQLite, where the file is the boundary.

On PostgreSQL the people's tables get row-level security: functions that say what a login's grants let it
see and change, a policy a table and command that asks them, and a trigger that writes the login into the
change log. The owner of the tables (who runs the migrations) is not subject to the policies: it keeps seeing
and changing everything, as before. Which logins may use the tables at all is up to ``access grant``.

What the policies let a login with grants do (an ``admin`` grant: everything):

- an organisation's rows are seen in the subtrees granted to it, as they were over time
  (``org_closure_span``): a cell that moved from one ward to another counts in the first until the move and
  in the second after it;
- a placement (``membership``) is seen when its cell lay in a granted subtree at some time during it, and a
  member when one of their placements is seen, so a report for a past date reads the people who were there
  then;
- a candidate is seen in the cell they are in now, from the day they were identified, and in the cells the
  tree moved them from, until the move; their remarks, moves and admission with them, and the papers of
  their dossier (a member's papers with the member);
- a quota is seen when its organisation lay in a granted subtree during its year; the change log's entries
  when what they are about is seen (organisations are seen by all), and always those the login wrote;
- an ``officer`` grant also writes, in the tree as it stands now: members whose latest placement is in its
  subtree, placements into its cells (so nobody is moved out of the subtree or taken into it, except by an
  officer above both or an admin), candidates and their remarks, admissions and dossier papers there, quotas of the
  organisations below its own.

The organisation tree stays readable by every login and has no policies: codes must resolve, and it holds
no personal data.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:12:40.118902
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = "role IN ('viewer', 'officer', 'admin')"


def upgrade() -> None:
    op.create_table(
        "access_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("granted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("granted_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(ROLES, name=op.f("ck_access_grant_role")),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisation.id"], name=op.f("fk_access_grant_org_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grant")),
        sa.UniqueConstraint("login", "org_id", name=op.f("uq_access_grant_login_org_id")),
    )
    with op.batch_alter_table("access_grant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_grant_login"), ["login"], unique=False)
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_user", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for statement in _security_statements(_schema()):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Without the policies a login's privileges would reach every row: take them back first.
        logins = op.get_bind().exec_driver_sql("SELECT DISTINCT login FROM access_grant").scalars().all()
        for login in logins:
            exists = op.get_bind().exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
            if exists.first() is not None:
                # every table and sequence (the dossier's papers too), with what an admin passed on
                schema, who = _quoted(_schema()), _quoted(login)
                op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {who} CASCADE")
                op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {who} CASCADE")
        for table, policies in POLICIES.items():
            for name in policies:
                op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP TRIGGER IF EXISTS dangvien_log_login ON change_log")
        for function in FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_column("db_user")
    with op.batch_alter_table("access_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_grant_login"))
    op.drop_table("access_grant")


# --- PostgreSQL: who sees and changes what ------------------------------------------------------------


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _schema() -> str:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    assert schema is not None
    return str(schema)


# Every function runs as the tables' owner (SECURITY DEFINER: it reads the rows the caller may not) with
# the caller's login passed in (``who``); it answers only for the login of the session that calls it, or a
# role that login may act as (pg_has_role), so nobody learns another login's scope by calling it directly.
#
# A period [first, last) meets a closure row s when (s.start_on IS NULL OR last IS NULL OR s.start_on <
# GREATEST(last, first + 1)) AND (s.end_on IS NULL OR s.end_on > first): NULL is unbounded, and an empty
# period (a placement that ended the day it began) counts as its first day.
_FUNCTIONS = {
    # whether the login holds an admin grant: then it sees and changes everything
    "dangvien_is_admin(who name) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER')
           AND EXISTS (SELECT 1 FROM access_grant WHERE login = who AND role = 'admin')""",
    # whether the login holds an officer grant somewhere (it may add a member: placing them is checked)
    "dangvien_writes(who name) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER')
           AND EXISTS (SELECT 1 FROM access_grant WHERE login = who AND role = 'officer')""",
    # the organisations in the login's granted subtrees, at any time
    "dangvien_scope(who name) RETURNS SETOF integer": """
        SELECT s.descendant_id
        FROM access_grant g JOIN org_closure_span s ON s.ancestor_id = g.org_id
        WHERE g.login = who AND pg_has_role(session_user, who, 'MEMBER')""",
    # whether the organisation lay in a granted subtree at some time in [first, last)
    "dangvien_within(who name, org integer, first date, last date) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER') AND EXISTS (
            SELECT 1 FROM access_grant g JOIN org_closure_span s ON s.ancestor_id = g.org_id
            WHERE g.login = who AND s.descendant_id = org
              AND (s.start_on IS NULL OR last IS NULL OR s.start_on < GREATEST(last, first + 1))
              AND (s.end_on IS NULL OR s.end_on > first))""",
    # whether the organisation lay in a granted subtree at some time in the year
    "dangvien_within_year(who name, org integer, year integer) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER') AND EXISTS (
            SELECT 1 FROM access_grant g JOIN org_closure_span s ON s.ancestor_id = g.org_id
            WHERE g.login = who AND s.descendant_id = org
              AND (s.start_on IS NULL OR date_part('year', s.start_on) <= year)
              AND (s.end_on IS NULL OR date_part('year', s.end_on - 1) >= year))""",
    # whether the login may write in the organisation: under one of its officer grants, at least min_depth
    # below it, in the tree as it stands now
    "dangvien_writable(who name, org integer, min_depth integer) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER') AND EXISTS (
            SELECT 1 FROM access_grant g JOIN org_closure c ON c.ancestor_id = g.org_id
            WHERE g.login = who AND g.role = 'officer' AND c.descendant_id = org AND c.depth >= min_depth)""",
    # the members with a placement the login sees
    "dangvien_members(who name) RETURNS SETOF integer": """
        SELECT m.member_id
        FROM access_grant g
        JOIN org_closure_span s ON s.ancestor_id = g.org_id
        JOIN membership m ON m.cell_id = s.descendant_id
        WHERE g.login = who AND pg_has_role(session_user, who, 'MEMBER')
          AND (s.start_on IS NULL OR m.end_on IS NULL OR s.start_on < GREATEST(m.end_on, m.start_on + 1))
          AND (s.end_on IS NULL OR s.end_on > m.start_on)""",
    # the members the login may change: their latest placement is in a cell it writes in
    "dangvien_members_writable(who name) RETURNS SETOF integer": """
        SELECT m.member_id
        FROM access_grant g
        JOIN org_closure c ON c.ancestor_id = g.org_id
        JOIN membership m ON m.cell_id = c.descendant_id
        WHERE g.login = who AND g.role = 'officer' AND pg_has_role(session_user, who, 'MEMBER')
          AND NOT EXISTS (
              SELECT 1 FROM membership later
              WHERE later.member_id = m.member_id
                AND (later.start_on > m.start_on OR (later.start_on = m.start_on AND later.id > m.id)))""",
    # whether a member has any placement (a member being added has none yet)
    "dangvien_placed(member integer) RETURNS boolean": """
        SELECT EXISTS (SELECT 1 FROM membership WHERE member_id = member)""",
    # the highest member id the statement can see: a row above it is one the statement itself is adding
    # (an INSERT … RETURNING must see what it added, before the member has a placement)
    "dangvien_newest_member() RETURNS integer": """
        SELECT COALESCE(max(id), 0) FROM member""",
    # the candidates the login sees: in their cell now from identification, in a cell the tree moved them
    # from until the move
    "dangvien_candidates(who name) RETURNS SETOF integer": """
        SELECT c.id
        FROM access_grant g
        JOIN org_closure_span s ON s.ancestor_id = g.org_id
        JOIN candidate c ON c.cell_id = s.descendant_id
        WHERE g.login = who AND pg_has_role(session_user, who, 'MEMBER')
          AND (s.end_on IS NULL OR s.end_on > c.identified_on)
        UNION ALL
        SELECT mv.candidate_id
        FROM access_grant g
        JOIN org_closure_span s ON s.ancestor_id = g.org_id
        JOIN candidate_move mv ON mv.from_cell_id = s.descendant_id
        JOIN candidate c ON c.id = mv.candidate_id
        WHERE g.login = who AND pg_has_role(session_user, who, 'MEMBER')
          AND (s.start_on IS NULL OR s.start_on < GREATEST(mv.on, c.identified_on + 1))
          AND (s.end_on IS NULL OR s.end_on > c.identified_on)""",
    # whether the login may change the candidate's records: their cell now is one it writes in
    "dangvien_candidate_writable(who name, candidate_id integer) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER') AND EXISTS (
            SELECT 1 FROM candidate c
            JOIN org_closure cl ON cl.descendant_id = c.cell_id
            JOIN access_grant g ON g.org_id = cl.ancestor_id
            WHERE c.id = candidate_id AND g.login = who AND g.role = 'officer')""",
    # whether the login may change the quota's roadmap: its organisation is below one it writes in
    "dangvien_quota_writable(who name, quota_id integer) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER') AND EXISTS (
            SELECT 1 FROM quota q
            JOIN org_closure cl ON cl.descendant_id = q.org_id AND cl.depth >= 1
            JOIN access_grant g ON g.org_id = cl.ancestor_id
            WHERE q.id = quota_id AND g.login = who AND g.role = 'officer')""",
    # whether the login may log a change of the row: one it may write (what an officer's own changes are
    # about), or one that is not there (a row it has just deleted); an admin's entries pass by its policy
    "dangvien_loggable(who name, kind text, row_id integer) RETURNS boolean": """
        SELECT pg_has_role(session_user, who, 'MEMBER') AND CASE kind
            WHEN 'member' THEN NOT dangvien_placed(row_id)
                OR row_id IN (SELECT dangvien_members_writable(who))
            WHEN 'membership' THEN NOT EXISTS (SELECT 1 FROM membership WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM membership m
                           WHERE m.id = row_id AND dangvien_writable(who, m.cell_id, 0))
            WHEN 'candidate' THEN NOT EXISTS (SELECT 1 FROM candidate WHERE id = row_id)
                OR dangvien_candidate_writable(who, row_id)
            WHEN 'candidate_move' THEN NOT EXISTS (SELECT 1 FROM candidate_move WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM candidate_move r
                           WHERE r.id = row_id AND dangvien_candidate_writable(who, r.candidate_id))
            WHEN 'remark' THEN NOT EXISTS (SELECT 1 FROM remark WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM remark r
                           WHERE r.id = row_id AND dangvien_candidate_writable(who, r.candidate_id))
            WHEN 'admission' THEN NOT EXISTS (SELECT 1 FROM admission WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM admission r
                           WHERE r.id = row_id AND dangvien_candidate_writable(who, r.candidate_id))
            WHEN 'paper' THEN NOT EXISTS (SELECT 1 FROM paper WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM paper r WHERE r.id = row_id
                           AND (r.candidate_id IS NULL OR dangvien_candidate_writable(who, r.candidate_id))
                           AND (r.member_id IS NULL OR NOT dangvien_placed(r.member_id)
                                OR r.member_id IN (SELECT dangvien_members_writable(who))))
            WHEN 'quota' THEN NOT EXISTS (SELECT 1 FROM quota WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM quota q WHERE q.id = row_id AND dangvien_writable(who, q.org_id, 1))
            WHEN 'quota_milestone' THEN NOT EXISTS (SELECT 1 FROM quota_milestone WHERE id = row_id)
                OR EXISTS (SELECT 1 FROM quota_milestone r
                           WHERE r.id = row_id AND dangvien_quota_writable(who, r.quota_id))
            ELSE false
        END""",
}
# Functions that answer for any caller (no pg_has_role check): executable only by the logins granted to.
UNSCOPED_FUNCTIONS = ("dangvien_placed(integer)", "dangvien_newest_member()")
# PostgreSQL drops a function by its name alone when the name is unique, as these are.
FUNCTION_NAMES = ["dangvien_log_login", *(signature.split("(")[0] for signature in _FUNCTIONS)]

ME = "current_user"
ADMIN = "(SELECT dangvien_is_admin(current_user))"
WRITES = "(SELECT dangvien_writes(current_user))"
SCOPE_ORGS = "(SELECT dangvien_scope(current_user))"
MEMBERS = "(SELECT dangvien_members(current_user))"
MEMBERS_WRITABLE = "(SELECT dangvien_members_writable(current_user))"
CANDIDATES = "(SELECT dangvien_candidates(current_user))"

_MEMBERSHIP_WRITE = f"dangvien_writable({ME}, cell_id, 0) AND member_id IN {MEMBERS_WRITABLE}"
_MEMBERSHIP_NEW = (
    f"dangvien_writable({ME}, cell_id, 0)"
    f" AND (member_id IN {MEMBERS_WRITABLE} OR NOT dangvien_placed(member_id))"
)
_CANDIDATE_WRITE = f"dangvien_writable({ME}, cell_id, 0)"
_BY_CANDIDATE = f"dangvien_candidate_writable({ME}, candidate_id)"
_QUOTA_WRITE = f"dangvien_writable({ME}, org_id, 1)"
_MILESTONE_WRITE = f"dangvien_quota_writable({ME}, quota_id)"
# An admission joins a candidate to a member, and a dossier paper belongs to one or both: every side must be
# the login's to write (a member just added has no placement yet), so that nobody ties a row of theirs to
# another subtree's person.
_MEMBER_SIDE = f"(member_id IS NULL OR member_id IN {MEMBERS_WRITABLE} OR NOT dangvien_placed(member_id))"
_ADMISSION_WRITE = f"{_BY_CANDIDATE} AND {_MEMBER_SIDE}"
_PAPER_WRITE = f"(candidate_id IS NULL OR {_BY_CANDIDATE}) AND {_MEMBER_SIDE}"

# An import's batch entry (migration 0007) covers the ids entity_id to last_entity_id: it is seen when one
# of them is.
_LOGGED = (
    "db_user = current_user::text OR CASE entity"
    " WHEN 'member' THEN entity_id IN (SELECT dangvien_members(current_user))"
    " OR (last_entity_id IS NOT NULL AND EXISTS (SELECT 1 FROM dangvien_members(current_user) AS seen(id)"
    " WHERE seen.id BETWEEN entity_id AND last_entity_id))"
    " WHEN 'membership' THEN entity_id IN (SELECT id FROM membership)"
    " WHEN 'candidate' THEN entity_id IN (SELECT dangvien_candidates(current_user))"
    " OR (last_entity_id IS NOT NULL AND EXISTS (SELECT 1 FROM dangvien_candidates(current_user) AS seen(id)"
    " WHERE seen.id BETWEEN entity_id AND last_entity_id))"
    " WHEN 'candidate_move' THEN entity_id IN (SELECT id FROM candidate_move)"
    " WHEN 'remark' THEN entity_id IN (SELECT id FROM remark)"
    " WHEN 'admission' THEN entity_id IN (SELECT id FROM admission)"
    " WHEN 'paper' THEN entity_id IN (SELECT id FROM paper)"
    " WHEN 'quota' THEN entity_id IN (SELECT id FROM quota)"
    " WHEN 'quota_milestone' THEN entity_id IN (SELECT id FROM quota_milestone)"
    " ELSE entity IN ('organisation', 'org_version', 'org_lineage')"
    " END"
)

# (command, USING, WITH CHECK) of each policy, by table; every table also has dangvien_admin.
POLICIES: dict[str, dict[str, tuple[str, str | None, str | None]]] = {
    "member": {
        "dangvien_read": ("SELECT", f"id IN {MEMBERS} OR id > (SELECT dangvien_newest_member())", None),
        "dangvien_add": ("INSERT", None, WRITES),
        "dangvien_change": ("UPDATE", f"id IN {MEMBERS_WRITABLE}", f"id IN {MEMBERS_WRITABLE}"),
        "dangvien_remove": ("DELETE", f"id IN {MEMBERS_WRITABLE}", None),
    },
    "membership": {
        "dangvien_read": (
            "SELECT",
            f"cell_id IN {SCOPE_ORGS} AND dangvien_within({ME}, cell_id, start_on, end_on)",
            None,
        ),
        "dangvien_add": ("INSERT", None, _MEMBERSHIP_NEW),
        "dangvien_change": ("UPDATE", _MEMBERSHIP_WRITE, _MEMBERSHIP_NEW),
        "dangvien_remove": ("DELETE", _MEMBERSHIP_WRITE, None),
    },
    "candidate": {
        "dangvien_read": (
            "SELECT",
            f"id IN {CANDIDATES}"
            f" OR (cell_id IN {SCOPE_ORGS} AND dangvien_within({ME}, cell_id, identified_on, NULL))",
            None,
        ),
        "dangvien_add": ("INSERT", None, _CANDIDATE_WRITE),
        "dangvien_change": ("UPDATE", _CANDIDATE_WRITE, _CANDIDATE_WRITE),
        "dangvien_remove": ("DELETE", _CANDIDATE_WRITE, None),
    },
    "candidate_move": {"dangvien_read": ("SELECT", f"candidate_id IN {CANDIDATES}", None)},
    "remark": {
        "dangvien_read": ("SELECT", f"candidate_id IN {CANDIDATES}", None),
        "dangvien_add": ("INSERT", None, _BY_CANDIDATE),
        "dangvien_change": ("UPDATE", _BY_CANDIDATE, _BY_CANDIDATE),
        "dangvien_remove": ("DELETE", _BY_CANDIDATE, None),
    },
    "admission": {
        "dangvien_read": ("SELECT", f"candidate_id IN {CANDIDATES} OR member_id IN {MEMBERS}", None),
        "dangvien_add": ("INSERT", None, _ADMISSION_WRITE),
        "dangvien_change": ("UPDATE", _ADMISSION_WRITE, _ADMISSION_WRITE),
        "dangvien_remove": ("DELETE", _ADMISSION_WRITE, None),
    },
    "paper": {
        "dangvien_read": ("SELECT", f"candidate_id IN {CANDIDATES} OR member_id IN {MEMBERS}", None),
        "dangvien_add": ("INSERT", None, _PAPER_WRITE),
        "dangvien_change": ("UPDATE", _PAPER_WRITE, _PAPER_WRITE),
        "dangvien_remove": ("DELETE", _PAPER_WRITE, None),
    },
    "quota": {
        "dangvien_read": (
            "SELECT",
            f"org_id IN {SCOPE_ORGS} AND dangvien_within_year({ME}, org_id, year)",
            None,
        ),
        "dangvien_add": ("INSERT", None, _QUOTA_WRITE),
        "dangvien_change": ("UPDATE", _QUOTA_WRITE, _QUOTA_WRITE),
        "dangvien_remove": ("DELETE", _QUOTA_WRITE, None),
    },
    "quota_milestone": {
        "dangvien_read": ("SELECT", "quota_id IN (SELECT id FROM quota)", None),
        "dangvien_add": ("INSERT", None, _MILESTONE_WRITE),
        "dangvien_change": ("UPDATE", _MILESTONE_WRITE, _MILESTONE_WRITE),
        "dangvien_remove": ("DELETE", _MILESTONE_WRITE, None),
    },
    "change_log": {
        "dangvien_read": ("SELECT", _LOGGED, None),
        "dangvien_add": ("INSERT", None, f"{WRITES} AND dangvien_loggable({ME}, entity, entity_id)"),
    },
    "access_grant": {"dangvien_read": ("SELECT", f"login = {ME}::text", None)},
}
for _policies in POLICIES.values():
    _policies["dangvien_admin"] = ("ALL", ADMIN, ADMIN)

# The change log names the database login that wrote each entry; set by the database, it cannot be forged.
LOG_LOGIN = """
CREATE FUNCTION dangvien_log_login() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.db_user := current_user;
    RETURN NEW;
END
$$"""


def _security_statements(schema: str) -> list[str]:
    """The functions, the trigger and the policies, in ``schema`` (the tables')."""
    path = f"SET search_path = {_quoted(schema)}, pg_temp"
    statements = [
        f"CREATE FUNCTION {signature} LANGUAGE sql STABLE SECURITY DEFINER {path} AS $${body}\n$$"
        for signature, body in _FUNCTIONS.items()
    ]
    # The two helpers that answer without asking who calls (the policies need them before a login's scope
    # is known) are not everyone's: access grant gives them to the logins it grants (store/access.py).
    statements.append(f"REVOKE EXECUTE ON FUNCTION {', '.join(UNSCOPED_FUNCTIONS)} FROM PUBLIC")
    statements += [
        LOG_LOGIN,
        "CREATE TRIGGER dangvien_log_login BEFORE INSERT ON change_log "
        "FOR EACH ROW EXECUTE FUNCTION dangvien_log_login()",
    ]
    for table, policies in POLICIES.items():
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, (command, using, check) in policies.items():
            statement = f"CREATE POLICY {name} ON {table} FOR {command}"
            if using is not None:
                statement += f" USING ({using})"
            if check is not None:
                statement += f" WITH CHECK ({check})"
            statements.append(statement)
    return statements
