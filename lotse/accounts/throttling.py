"""Sign-in throttling: a growing wait per account, a cool-off per client address.

Per account (the e-mail address typed, from whichever client address): after
LOTSE_LOGIN_FAILURE_LIMIT failures each further attempt must wait 1, 2, 4, 8 … minutes, at
most LOTSE_LOGIN_COOLOFF. Anyone can type anyone's e-mail address, so this is a delay and
never a lock: once the wait is over the right password signs in and clears the count, and
so does a new password set through the reset link. The count is forgotten a day after its
last failure.

Per client address (across accounts): after LOTSE_LOGIN_ADDRESS_FAILURE_LIMIT failures the
address must wait LOTSE_LOGIN_COOLOFF, so one address cannot try a password on many
accounts. The count is forgotten after LOTSE_LOGIN_COOLOFF without a failure. An office
behind one address shares the count, hence a higher limit than the account's.

An attempt during a wait is refused before the password is checked and is not counted: it
tells nothing and does not prolong the wait. An allowed attempt is counted before the
password is checked and taken back if the password was right, so parallel requests cannot
slip past a limit. The counts live in the database, shared by all workers and servers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from lotse.accounts.models import SignInThrottle, User
from lotse.core.ratelimit import client_address

# An account's first wait; each further failure doubles it, up to LOTSE_LOGIN_COOLOFF.
FIRST_ACCOUNT_WAIT = timedelta(minutes=1)
ACCOUNT_MEMORY = timedelta(days=1)
# Set on the request when a sign-in was refused for a wait; the login view answers 429.
REFUSED_UNTIL = "lotse_sign_in_refused_until"


class SignInWait(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until


def account_wait(failures: int) -> timedelta | None:
    limit = settings.LOTSE_LOGIN_FAILURE_LIMIT
    if not limit or failures < limit:
        return None
    doublings = min(failures - limit, 16)  # far beyond any cap; keeps the number small
    return min(FIRST_ACCOUNT_WAIT * 2**doublings, settings.LOTSE_LOGIN_COOLOFF)


def address_wait(failures: int) -> timedelta | None:
    limit = settings.LOTSE_LOGIN_ADDRESS_FAILURE_LIMIT
    if not limit or failures < limit:
        return None
    return settings.LOTSE_LOGIN_COOLOFF


@dataclass(frozen=True)
class CountedAttempt:
    """An attempt counted as a failure until the password proves right."""

    at: datetime
    account_id: int
    address_id: int | None
    address_failures: int
    # The address's count before this attempt, to restore after a right password.
    address_before: tuple[int, datetime, datetime | None]


def count_attempt(email: str, address: str | None) -> CountedAttempt:
    """Count a sign-in attempt for the account and the client address; SignInWait if either waits."""
    now = timezone.now()
    with transaction.atomic():
        # Always the account's row first, then the address's: one order, no deadlock.
        rows = [locked_row(SignInThrottle.Kind.ACCOUNT, account_key(email), now)]
        if address is not None:
            rows.append(locked_row(SignInThrottle.Kind.ADDRESS, address, now))
        waits = [row.wait_until for row in rows if row.wait_until and row.wait_until > now]
        if waits:
            raise SignInWait(max(waits))
        account_row = rows[0]
        count_failure(account_row, now, ACCOUNT_MEMORY, account_wait)
        address_row: SignInThrottle | None = None
        address_before: tuple[int, datetime, datetime | None] = (0, now, None)
        if address is not None:
            address_row = rows[1]
            if address_row.last_failure_at >= now - settings.LOTSE_LOGIN_COOLOFF:
                address_before = (
                    address_row.failures,
                    address_row.last_failure_at,
                    address_row.wait_until,
                )
            count_failure(address_row, now, settings.LOTSE_LOGIN_COOLOFF, address_wait)
        # Nothing is kept longer than a day after its last failure (docs/privacy.md).
        SignInThrottle.objects.filter(last_failure_at__lt=now - ACCOUNT_MEMORY).delete()
    return CountedAttempt(
        at=now,
        account_id=account_row.pk,
        address_id=address_row.pk if address_row else None,
        address_failures=address_row.failures if address_row else 0,
        address_before=address_before,
    )


def account_key(email: str) -> str:
    # As the login form cleans it; the admin's login form does not.
    return email.strip().lower()[:320]


def locked_row(kind: str, key: str, now: datetime) -> SignInThrottle:
    row, _created = SignInThrottle.objects.select_for_update().get_or_create(
        kind=kind, key=key[:320], defaults={"last_failure_at": now}
    )
    return row


def count_failure(
    row: SignInThrottle,
    now: datetime,
    memory: timedelta,
    wait: Callable[[int], timedelta | None],
) -> None:
    if row.last_failure_at < now - memory:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    waiting = wait(row.failures)
    row.wait_until = now + waiting if waiting else None
    row.save(update_fields=["failures", "last_failure_at", "wait_until"])


def take_back(attempt: CountedAttempt) -> None:
    """The password was right: the account starts afresh, the address's count is undone."""
    SignInThrottle.objects.filter(pk=attempt.account_id).delete()
    if attempt.address_id is None:
        return
    failures, last_failure_at, wait_until = attempt.address_before
    untouched = SignInThrottle.objects.filter(
        pk=attempt.address_id, failures=attempt.address_failures, last_failure_at=attempt.at
    )
    if failures == 0:
        undone, _ = untouched.delete()
    else:
        undone = untouched.update(
            failures=failures, last_failure_at=last_failure_at, wait_until=wait_until
        )
    if not undone:
        # Failures from this address came in meanwhile: they stand, this attempt does not.
        SignInThrottle.objects.filter(pk=attempt.address_id, failures__gt=0).update(
            failures=F("failures") - 1
        )


def forget_account(email: str) -> None:
    """The account's count starts afresh (its owner has just set a new password)."""
    SignInThrottle.objects.filter(kind=SignInThrottle.Kind.ACCOUNT, key=account_key(email)).delete()


def refused_until(request: HttpRequest) -> datetime | None:
    """When this request's sign-in may be tried again, if the throttle refused it."""
    return getattr(request, REFUSED_UNTIL, None)


class ThrottledModelBackend(ModelBackend):
    """Django's password check behind the sign-in throttle, for every login form (admin too)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        # Without a request (the test client's login, the shell) only the account counts.
        address = client_address(request) if request is not None else None
        try:
            attempt = count_attempt(username, address)
        except SignInWait as wait:
            if request is not None:
                setattr(request, REFUSED_UNTIL, wait.until)
            # Django's authenticate() stops at PermissionDenied and tries no other backend.
            raise PermissionDenied from None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            take_back(attempt)
        return user
