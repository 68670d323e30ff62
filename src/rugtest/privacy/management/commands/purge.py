"""`rugtest purge`: remove what the retention rules say has expired (docs/data-rights.md)."""

from django.core.management.base import BaseCommand

from rugtest.privacy.services import purge


class Command(BaseCommand):
    help = ("Remove expired sessions (rugtest answers), unconfirmed accounts, expired cache rows and share links "
            "that ended or were revoked long ago.")

    def handle(self, *args, **options):
        counts = purge()
        self.stdout.write(f"expired sessions removed: {counts.sessions}")
        self.stdout.write(f"unconfirmed accounts removed: {counts.unconfirmed_accounts}")
        self.stdout.write(f"expired cache entries removed: {counts.cache_entries}")
        self.stdout.write(f"ended share links removed: {counts.share_links}")
