# An example module with a single function
def average(arg1, arg2):
    """ Computes the average of two numbers. """
    result = (arg1 + arg2) / 2
    return result