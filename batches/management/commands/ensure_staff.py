"""Create the first staff login for `make run`: from DJANGO_SUPERUSER_* variables, else a
generated password printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from tenantarmor.env import env


class Command(BaseCommand):
    help = "Create a superuser if none exists (DJANGO_SUPERUSER_USERNAME / _PASSWORD / _EMAIL)."

    def handle(self, *args, **opts):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser already exists; nothing to do.")
            return
        username = env.str("DJANGO_SUPERUSER_USERNAME", "admin")
        password = env.str("DJANGO_SUPERUSER_PASSWORD", "")
        generated = not password
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(username, env.str("DJANGO_SUPERUSER_EMAIL", ""), password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created superuser '{username}' with password: {password}\n"
                    "This is shown once. Change it in the admin, or set DJANGO_SUPERUSER_PASSWORD."
                )
            )
        else:
            self.stdout.write(f"Created superuser '{username}' from DJANGO_SUPERUSER_* settings.")
