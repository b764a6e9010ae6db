"""Tests of weekly_pdf.cli."""
