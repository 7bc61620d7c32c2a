"""A person's copy of a shared text, as a browser holds it (a Yjs client; here pycrdt, which speaks
the same update format), for the domain, live-server and benchmark tests."""
import base64

import pycrdt


class Writer:
    """One person's copy of a shared text, as a browser holds it (a Yjs client, here pycrdt)."""

    def __init__(self, state=None):
        self.doc = pycrdt.Doc()
        self.text = self.doc.get("text", type=pycrdt.Text)
        if state:
            self.doc.apply_update(base64.b64decode(state))
        self.updates = []  # each local transaction's own update, as Yjs's doc.on("update") gives it
        self.doc.observe(lambda event: self.updates.append(event.update))

    def _last(self) -> str:
        return base64.b64encode(self.updates[-1]).decode()

    def type(self, at_char: int, value: str) -> str:
        """Insert ``value`` at a character index; returns the update (base64)."""
        at = len(str(self.text)[:at_char].encode("utf-8"))
        self.text.insert(at, value)
        return self._last()

    def delete_last(self) -> str:
        value = str(self.text)
        del self.text[len(value[:-1].encode("utf-8")):len(value.encode("utf-8"))]
        return self._last()

    def append(self, value: str) -> str:
        return self.type(len(str(self.text)), value)

    def receive(self, update: str) -> None:
        self.doc.apply_update(base64.b64decode(update))
        self.updates.pop()  # not ours

    def __str__(self):
        return str(self.text)
