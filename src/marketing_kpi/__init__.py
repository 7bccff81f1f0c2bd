"""Loyalty KPIs and RFM segmentation for the course site (placeholder, being written)."""
