"""A small OpenID Connect provider for the sign-in tests, built on Authlib's authorization server
(authorization code grant, PKCE, OpenID Connect ID tokens) and served by http.server in a thread
on 127.0.0.1, on a free port, with a signing key of its own. Nothing of Django: it keeps its
clients, codes and the person who "logs in" next in memory.

A test says who logs in next (`provider.login(sub=..., acr=...)`) and may spoil the next ID
token the way an attacker or a broken provider would (`provider.spoil(...)`); the provider
records every request it answers (method and path, no query) in `provider.seen`.
"""

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Request, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

KEY_ID = "test-key-1"


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope):
        return " ".join(s for s in scope.split() if s in {"openid", "profile", "email"})

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_post", "client_secret_basic")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Person:
    sub: str
    acr: str
    claims: dict = field(default_factory=dict)  # in the ID token and the user info
    userinfo: dict = field(default_factory=dict)  # in the user info only


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    person: Person
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return self.person.acr


class _Request(OAuth2Request):
    def __init__(self, method, uri, headers, query, form):
        super().__init__(method, uri, headers=headers)
        self._args, self._form = query, form
        self.payload = BasicOAuth2Payload({**query, **form})

    @property
    def args(self):
        return self._args

    @property
    def form(self):
        return self._form


class _Server(AuthorizationServer):
    def __init__(self, provider):
        super().__init__(scopes_supported=["openid", "profile", "email"])
        self.provider = provider
        self.register_token_generator(
            "default", BearerTokenGenerator(lambda *args, **kwargs: secrets.token_urlsafe(32))
        )

    def query_client(self, client_id):
        return self.provider.clients.get(client_id)

    def save_token(self, token, request):
        self.provider.tokens[token["access_token"]] = request.user

    def create_oauth2_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def send_signal(self, name, *args, **kwargs):
        pass


class _CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", "client_secret_basic"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        self.server.provider.codes[code] = Code(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.payload.scope,
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
            person=request.user,
        )

    def query_authorization_code(self, code, client):
        found = self.server.provider.codes.get(code)
        return found if found is not None and found.client_id == client.client_id else None

    def delete_authorization_code(self, authorization_code):
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.person


class _OpenIDCode(OpenIDCode):
    def __init__(self, provider):
        super().__init__(require_nonce=True)
        self.provider = provider

    def resolve_client_private_key(self, client):
        return self.provider.key

    def get_client_algorithm(self, client):
        return "RS256"

    def get_client_claims(self, client):
        return {"iss": self.provider.issuer}

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": KEY_ID}

    def exists_nonce(self, nonce, request):
        return False

    def generate_user_info(self, user, scope):
        return UserInfo(sub=user.sub, **user.claims)


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class Provider:
    """The provider; `start()` serves it, `stop()` ends it."""

    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        self.clients: dict[str, Client] = {}
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, Person] = {}
        self.seen: list[str] = []
        self.end_sessions: list[dict] = []
        self.next_person: Person | None = None
        self.changes: dict = {}
        self.spoiled_signature = False
        self.foreign_key = False
        self.shared_secret = False
        self.server = _Server(self)
        self.server.register_grant(_CodeGrant, [CodeChallenge(required=True), _OpenIDCode(self)])
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self._http.server_address[1]}"

    def start(self):
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._http.shutdown()
        self._http.server_close()

    def register(self, client_id, client_secret, redirect_uris):
        self.clients[client_id] = Client(client_id, client_secret, list(redirect_uris))

    def login(self, sub: str, acr: str = "urn:sus:test:2fa", userinfo=None, **claims):
        """The person who logs in at the next authorization request."""
        self.next_person = Person(sub=sub, acr=acr, claims=claims, userinfo=userinfo or {})

    def spoil(self, *, signature=False, foreign_key=False, shared_secret=False, **changes):
        """The next ID token: claims changed and re-signed (`changes`), signed with a key not
        in the JWKS (`foreign_key`), with HS256 and the client's secret (`shared_secret`), or
        changed after signing (`signature`)."""
        self.changes, self.spoiled_signature, self.foreign_key = changes, signature, foreign_key
        self.shared_secret = shared_secret

    @property
    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "acr_values_supported": ["urn:sus:test:2fa", "urn:sus:test:password"],
        }

    def _spoil_id_token(self, token: str) -> str:
        if not (self.changes or self.spoiled_signature or self.foreign_key or self.shared_secret):
            return token
        claims = jwt.decode(token, self.key).claims
        claims.update(self.changes)
        key, alg = self.key, "RS256"
        if self.foreign_key:
            key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID})
        if self.shared_secret:
            secret = next(iter(self.clients.values())).client_secret
            key, alg = OctKey.import_key(secret), "HS256"
        token = jwt.encode({"alg": alg, "kid": KEY_ID}, claims, key, algorithms=[alg])
        if self.spoiled_signature:
            header, _payload, signature = token.split(".")
            token = ".".join([header, _b64({**claims, "sub": "someone-else"}), signature])
        self.spoil()
        return token

    def token_response(self, request):
        status, body, headers = self.server.create_token_response(request)
        if status == 200 and "id_token" in body:
            body = {**body, "id_token": self._spoil_id_token(body["id_token"])}
        return status, body, headers


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # quiet
            pass

        def _send(self, status, body=None, headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            payload = b""
            if isinstance(body, dict):
                payload = json.dumps(body).encode()
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _request(self, form):
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query))
            uri = f"{provider.issuer}{self.path}"
            return parts.path, _Request(self.command, uri, dict(self.headers), query, form)

        def do_GET(self):
            path, request = self._request({})
            provider.seen.append(f"GET {path}")
            if path == "/.well-known/openid-configuration":
                self._send(200, provider.metadata)
            elif path == "/jwks":
                self._send(200, {"keys": [provider.key.as_dict(private=False)]})
            elif path == "/authorize":
                person, provider.next_person = provider.next_person, None
                if person is None:  # nobody logs in: the person cancels at the provider
                    params = {"error": "access_denied", "state": request.args.get("state", "")}
                    location = f"{request.args['redirect_uri']}?{urlencode(params)}"
                    self._send(302, headers=[("Location", location)])
                    return
                grant = provider.server.get_consent_grant(request, end_user=person)
                self._send(*provider.server.create_authorization_response(request, person, grant))
            elif path == "/userinfo":
                bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                person = provider.tokens.get(bearer)
                if person is None:
                    self._send(401, {"error": "invalid_token"})
                    return
                self._send(200, {"sub": person.sub, **person.claims, **person.userinfo})
            elif path == "/logout":
                provider.end_sessions.append(dict(request.args))
                self._send(302, headers=[("Location", request.args["post_logout_redirect_uri"])])
            else:
                self._send(404, {})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(parse_qsl(self.rfile.read(length).decode()))
            path, request = self._request(form)
            provider.seen.append(f"POST {path}")
            if path == "/token":
                self._send(*provider.token_response(request))
            else:
                self._send(404, {})

    return Handler
