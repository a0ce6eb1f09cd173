"""Command modules; importing one registers its commands on the app."""
