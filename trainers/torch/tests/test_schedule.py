import math
import unittest

from cpt_torch.schedule import LrSchedule, warmup_steps


class ScheduleTest(unittest.TestCase):
    def test_warms_up_linearly_then_follows_the_cosine_down_to_its_floor(self):
        schedule = LrSchedule(1e-3, 4, 20, 0.1, True)
        self.assertEqual([2.5e-4, 5e-4, 7.5e-4, 1e-3], [schedule.at(step) for step in range(4)])
        self.assertEqual(1e-3, schedule.at(4))
        self.assertAlmostEqual(1e-4 + 9e-4 * 0.5 * (1 + math.cos(math.pi * 8 / 16)), schedule.at(12), places=18)
        self.assertAlmostEqual(1e-4, schedule.at(20), places=18)
        self.assertAlmostEqual(1e-4, schedule.at(25), places=18, msg="stays at the floor past the horizon")

    def test_constant_after_warmup(self):
        schedule = LrSchedule(2e-3, 2, 10, 0.1, False)
        self.assertEqual([1e-3, 2e-3, 2e-3, 2e-3], [schedule.at(step) for step in (0, 1, 2, 9)])

    def test_warmup_below_one_is_a_share_of_the_steps_rounded_half_up_as_java_rounds(self):
        self.assertEqual(3, warmup_steps(0.5, 5))  # 2.5: Python's round() would give 2
        self.assertEqual(0, warmup_steps(0.01, 40))
        self.assertEqual(7, warmup_steps(7, 40))


if __name__ == "__main__":
    unittest.main()
