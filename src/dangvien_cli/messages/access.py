"""Access on a shared PostgreSQL database (grants, logins, what the database refuses) and a ward's own file
(``db extract``).

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    # --- refusals ----------------------------------------------------------------------------------
    "access.sqlite": (
        "phân quyền chỉ có trên PostgreSQL; với SQLite, ai có tệp là có toàn bộ dữ liệu: hãy trao cho "
        "mỗi phường tệp riêng của mình (dangvien db extract --org MÃ -o tệp.db)",
        "access applies to PostgreSQL only; with SQLite, whoever has the file has all of it: give each ward "
        "a file of its own (dangvien db extract --org CODE -o ward.db)",
    ),
    "access.bad_login": (
        "tên đăng nhập gồm chữ thường không dấu, chữ số và dấu _, bắt đầu bằng chữ hoặc _, tối đa 63 ký "
        "tự, không bắt đầu bằng pg_",
        "a login is lower-case letters a-z, digits and _, starting with a letter or _, at most 63 "
        "characters, not starting with pg_",
    ),
    "access.org_required": (
        "quyền {role} cần một tổ chức: --org MÃ",
        "the {role} role needs an organisation: --org CODE",
    ),
    "access.admin_whole": (
        "quyền quản trị là toàn bộ cơ sở dữ liệu: bỏ --org, hoặc ghi tổ chức cấp cao nhất",
        "an admin manages the whole database: leave out --org, or give the organisation at the top",
    ),
    "access.self": (
        "đây là tài khoản đang chạy lệnh; hãy cấp quyền cho tài khoản khác",
        "this is the login running the command; grant access to another login",
    ),
    "access.owner": (
        "đây là chủ sở hữu các bảng: tài khoản này đã thấy và sửa được tất cả, phân quyền không giới hạn "
        "được nó",
        "this login owns the tables: it already sees and changes everything, and grants cannot limit it",
    ),
    "access.bypasses": (
        "tài khoản này là superuser hoặc có BYPASSRLS: bảo mật theo dòng không áp dụng cho nó, nên phân "
        "quyền không giới hạn được nó",
        "this login is a superuser or has BYPASSRLS: row-level security does not apply to it, so grants "
        "cannot limit it",
    ),
    "access.admin_only": (
        "chỉ quản trị viên cấp và thu hồi quyền; tài khoản {login} chỉ có quyền trên một phần của cây",
        "only an admin grants and revokes access; the login {login} holds grants on part of the tree only",
    ),
    "access.cannot_create_role": (
        "tài khoản {login} không có quyền tạo hoặc sửa tài khoản đăng nhập (CREATEROLE)",
        "the login {login} may not create or alter logins (CREATEROLE)",
    ),
    "access.bad_password": (
        "mật khẩu trống hoặc chứa ký tự điều khiển",
        "the password is empty or holds a control character",
    ),
    "access.password_driver": (
        "đặt mật khẩu cần trình kết nối psycopg (postgresql+psycopg://…)",
        "setting a password needs the psycopg driver (postgresql+psycopg://…)",
    ),
    "access.password_file_open": (
        "người khác đọc được tệp mật khẩu (quyền {mode}); hãy chạy chmod 600",
        "others can read the password file (mode {mode}); run chmod 600 on it",
    ),
    "access.password_file_large": (
        "tệp mật khẩu dài quá {limit} byte; mật khẩu là dòng đầu của một tệp nhỏ",
        "the password file is larger than {limit} bytes; the password is the first line of a small file",
    ),
    "access.password_empty": ("dòng đầu của tệp trống", "the file's first line is empty"),
    "access.no_grant": ("tài khoản này không có quyền nào", "this login holds no grant"),
    "access.no_grant_on": (
        "tài khoản này không có quyền nào trên {org}",
        "this login holds no grant on {org}",
    ),
    "access.denied": (
        "cơ sở dữ liệu từ chối: tài khoản {login} không được xem hoặc sửa dữ liệu này (phân quyền theo tổ "
        "chức); không có gì thay đổi. {detail}",
        "the database refused: the login {login} may not see or change this (access by organisation); "
        "nothing was changed. {detail}",
    ),
    # --- what was done -----------------------------------------------------------------------------
    "access.whole_database": ("toàn bộ cơ sở dữ liệu", "the whole database"),
    "access.login_created": ("Đã tạo tài khoản đăng nhập {login}", "Created the login {login}"),
    "access.password_set": ("Đã đặt mật khẩu cho {login}", "Set the password of {login}"),
    "access.no_password": (
        "{login} chưa có mật khẩu: đặt bằng --password-file, hoặc \\password {login} trong psql",
        "{login} has no password yet: set one with --password-file, or \\password {login} in psql",
    ),
    "access.granted": (
        "Đã cấp quyền {role} trên {org} cho {login}",
        "Granted {login} the {role} role on {org}",
    ),
    "access.changed": (
        "Đã đổi quyền của {login} trên {org} thành {role}",
        "Changed {login}'s role on {org} to {role}",
    ),
    "access.unchanged": (
        "{login} đã có quyền {role} trên {org}; không có gì thay đổi",
        "{login} already holds the {role} role on {org}; nothing changed",
    ),
    "access.revoked": (
        "Đã thu hồi quyền {role} trên {org} của {login}",
        "Revoked {login}'s {role} role on {org}",
    ),
    "access.revoked_count": (
        "Đã thu hồi {count} quyền của {login}; tài khoản vẫn còn (xóa bằng DROP OWNED BY, rồi DROP ROLE"
        " nếu không dùng nữa)",
        (
            "Revoked {count} grant of {login}; the login itself stays"
            " (DROP OWNED BY, then DROP ROLE removes it)",
            "Revoked {count} grants of {login}; the login itself stays"
            " (DROP OWNED BY, then DROP ROLE removes it)",
        ),
    ),
    "title.access_grants": ("Phân quyền", "Grants"),
    "entity.access_grant": ("phân quyền", "grant"),
    # --- db extract --------------------------------------------------------------------------------
    "extract.done": (
        "Đã ghi {file} ({org}): tổ chức {orgs}, đảng viên {members}, quần chúng {candidates}",
        "Wrote {file} ({org}): organisations {orgs}, members {members}, candidates {candidates}",
    ),
    "extract.same_file": (
        "đây là chính cơ sở dữ liệu đang đọc; hãy ghi ra một tệp khác",
        "this is the database being read; write to another file",
    ),
    "extract.left_out": (
        "{count} tham chiếu tới người ngoài {org} đã để trống (người giúp đỡ, người giới thiệu, nhận xét "
        "của người ngoài)",
        (
            "{count} reference to a person outside {org} was left empty (a mentor, an introducer, a remark "
            "by someone outside)",
            "{count} references to people outside {org} were left empty (mentors, introducers, remarks by "
            "people outside)",
        ),
    ),
}
