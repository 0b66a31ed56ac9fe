"""crimeplan: run a Police and Crime Plan from plan files, real data and consultations."""

__version__ = "0.1.0"
