"""Schema migrations: modules named mNNN_name.py with up(db), applied in name order."""
