"""Rugtest: self-test, walking programme and medication information for low back pain."""
