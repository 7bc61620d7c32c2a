"""The facilitator's last message to everyone stays with the room, so that a phone that joins or
reloads a few minutes later still sees it."""


def up(db):
    db.execute("alter table room_state add column message_text text not null default ''")
    db.execute("alter table room_state add column message_at real")
