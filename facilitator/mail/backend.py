"""Flask-Mailman's SMTP backend, with the server's certificate checked on STARTTLS too.

Flask-Mailman 1.1 calls ``starttls()`` without an SSL context when no client certificate is set, and
Python's smtplib then accepts any certificate. This backend passes ``ssl.create_default_context()``
(the system's trusted authorities, host name checked), as it already does for ``smtps://``.
"""
from __future__ import annotations

import ssl
from functools import cached_property

from flask_mailman.backends.smtp import EmailBackend as SMTPBackend
from flask_mailman.utils import DNS_NAME


class EmailBackend(SMTPBackend):
    @cached_property
    def starttls_context(self):
        context = ssl.create_default_context()
        if self.ssl_certfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context

    def open(self):
        if self.connection:
            return False
        params = {"local_hostname": DNS_NAME.get_fqdn()}
        if self.timeout is not None:
            params["timeout"] = self.timeout
        if self.use_ssl:
            params["context"] = self.ssl_context
        try:
            self.connection = self.connection_class(self.host, self.port, **params)
            if not self.use_ssl and self.use_tls:
                self.connection.starttls(context=self.starttls_context)
            if self.username and self.password:
                self.connection.login(self.username, self.password)
            return True
        except OSError:
            if not self.fail_silently:
                raise
